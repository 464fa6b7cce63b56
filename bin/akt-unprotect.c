/*
 * akt-unprotect - lift the protected identity of an akt; a fact with who, when
 * and why.
 *
 * The same main as akt-protect, with another name and value.
 */
#define PROTECT_PROG  "akt-unprotect"
#define PROTECT_VALUE 0

#include "akt-protect.c"
