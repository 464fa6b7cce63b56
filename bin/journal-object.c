/*
 * journal-object - record the person's objection (invändning) to a note:
 * a new note of category invändning points at the note, beside the
 * writer's own rättelser (journal-correct); it may be written in a closed
 * akt.  The note itself stays as written (SoL 11 kap. 6 §: "antecknas").
 * Prints the new note's reference alone on stdout.
 *
 * The same main as journal-correct, with another name and category.
 */
#define NOTE_PROG     "journal-object"
#define NOTE_CATEGORY SD_OBJECTION

#include "journal-correct.c"
