#ifndef VALPROP_CDEFLATE_SHIM_H
#define VALPROP_CDEFLATE_SHIM_H
// libdeflate, which inflates a whole object in one call several times faster than zlib's
// streaming inflate: a history walk inflates every commit and folder listing it visits.
#include <libdeflate.h>
#endif
