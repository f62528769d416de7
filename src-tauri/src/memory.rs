//! The app's process keeps few malloc arenas over a working day (Linux with glibc).
//!
//! Each command runs on a worker thread, and the backup and the sync run on threads of their own
//! with their own database connection and page cache. glibc gives busy threads arenas of their
//! own and keeps what is freed in each for later: over a measured working day (500 searches,
//! 100 cards, 50 families, 20 certificates; `scripts/measure-desktop.sh`) the app's own process
//! grew from 234 to 346 MiB with the default arenas and to 281 MiB with two, the whole tree's
//! ratio from 1.51× to 1.34× of the day's start.

/// Limits glibc to two malloc arenas; nothing elsewhere. Call first, before any thread starts.
pub fn few_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: `mallopt` only sets an allocator parameter; it is called before any other
        // thread exists, and a refusal (it returns 0) leaves glibc's default, which is no error.
        unsafe { libc::mallopt(libc::M_ARENA_MAX, 2) };
    }
}
