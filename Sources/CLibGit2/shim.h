#ifndef VALPROP_CLIBGIT2_SHIM_H
#define VALPROP_CLIBGIT2_SHIM_H
// The one header Swift imports for libgit2. Helpers for what Swift cannot import from
// libgit2 (function-like macros, variadic functions) go here as `static inline` functions.
#include <git2.h>
#endif
