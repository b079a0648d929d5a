// glibc's heap settings (mallopt), which Swift's Glibc module does not bring; empty on other
// C libraries, where ValpropCommands' HeapTuning sets nothing.
#if defined(__GLIBC__) || (defined(__linux__) && !defined(__APPLE__))
#include <malloc.h>
#endif
