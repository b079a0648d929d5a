#ifndef VALPROP_CLIBGIT2_SHIM_H
#define VALPROP_CLIBGIT2_SHIM_H
// The one header Swift imports for libgit2. Helpers for what Swift cannot import from
// libgit2 (function-like macros, variadic functions) go here as `static inline` functions.
#include <git2.h>
// An object database in memory, for the fuzz targets' differential checks (ParserProbe).
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

/// Sets the largest object of a type that libgit2 keeps in its object cache
/// (`git_libgit2_opts` is variadic, which Swift cannot call).
static inline int valprop_set_cache_object_limit(git_object_t type, size_t bytes) {
  return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, bytes);
}

/// Sets the total size of libgit2's object cache.
static inline int valprop_set_cache_max_size(ssize_t bytes) {
  return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes);
}
/// Sets how much of pack files libgit2 keeps mapped at once (mapped pages count as the
/// process's memory).
static inline int valprop_set_mapped_limit(size_t bytes) {
  return git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, bytes);
}

/// Turns libgit2's re-hashing of every object it reads on or off. git itself does not
/// re-hash objects when reading them for log; valprop only reads history.
static inline int valprop_set_strict_hash_verification(int enabled) {
  return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

/// The folders libgit2 searches for a level's configuration and attributes files
/// (GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, ...), separated by ':'.
static inline int valprop_search_path(git_config_level_t level, git_buf *out) {
  return git_libgit2_opts(GIT_OPT_GET_SEARCH_PATH, level, out);
}
#endif
