//! The app keeps its memory near what it needs over a working day (Linux with glibc).
//!
//! Each command runs on a worker thread, and the backup and the sync run on threads of their own
//! with their own database connection and page cache. glibc gives busy threads arenas of their
//! own and keeps what is freed in each for later, and the window's processes (WebKit's web and
//! network processes, started by this one) do the same. Over a measured working day (500
//! searches, 100 cards, 50 families, 20 certificates; `scripts/measure-desktop.sh`) the app's
//! own process grew from 234 to 346 MiB with glibc's defaults and to 281 MiB with two arenas.
//!
//! So: two arenas here ([`few_arenas`]), the same for the window's processes through the
//! environment they inherit, and what is freed given back to the system every quarter minute
//! ([`give_back_freed_memory`]): a sign-in's backup alone reads the database through a second
//! page cache of 64 MiB, freed when it ends but kept by glibc until it is trimmed. Before each
//! trim the desk gives its own page cache back if nobody has used it for a while
//! (`otau_api::Desk::rest`), as the cache only serves a clerk at work.

/// Limits glibc to two malloc arenas here and in the processes this one starts (unless the
/// environment already says otherwise). Call first, before any thread starts.
pub fn few_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: `mallopt` only sets an allocator parameter; it is called before any other
        // thread exists, and a refusal (it returns 0) leaves glibc's default, which is no error.
        unsafe { libc::mallopt(libc::M_ARENA_MAX, 2) };
        // Read by glibc when each of the window's processes starts. Set before any thread
        // exists, so nothing reads the environment while it changes.
        if std::env::var_os("GLIBC_TUNABLES").is_none() {
            std::env::set_var("GLIBC_TUNABLES", "glibc.malloc.arena_max=2");
        }
    }
}

/// Every `period`, calls `rest` (which may free caches) and hands the memory glibc keeps free
/// in this process back to the system, on a thread of its own (a trim of a few hundred MiB of
/// heap takes milliseconds).
pub fn give_back_freed_memory(period: std::time::Duration, rest: impl Fn() + Send + 'static) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let spawned = std::thread::Builder::new().name("otau-trim".into()).spawn(move || loop {
            std::thread::sleep(period);
            rest();
            // SAFETY: `malloc_trim` only returns free memory of the allocator to the system;
            // it is safe to call from any thread at any time.
            unsafe { libc::malloc_trim(0) };
        });
        if let Err(error) = spawned {
            eprintln!("otau-desktop: memory is not given back while the app runs: {error}");
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = (period, rest);
}
