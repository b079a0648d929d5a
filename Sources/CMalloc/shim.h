// glibc's heap settings (mallopt), which Swift's Glibc module does not bring. Included on
// Linux only; ValpropCommands' HeapTuning calls it only where Swift imports Glibc on Linux.
#ifdef __linux__
#include <malloc.h>
#endif
