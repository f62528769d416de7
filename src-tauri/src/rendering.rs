//! How the window's pages are painted (Linux, WebKitGTK).
//!
//! WebKitGTK paints a page's tiles with Skia, on the GPU through OpenGL by default. An office
//! computer without a graphics chip WebKit can use (and the test machine's virtual display) gets
//! Mesa's software OpenGL instead, which compiles each shader the page needs with LLVM inside the
//! web process: the sign-in screen alone left 34 MiB of compiled shaders and LLVM's working
//! memory in that process's heap, and every new kind of screen adds more. Painting the tiles with
//! Skia on the CPU (its own threads) needs none of that; the page is still composited, so
//! scrolling and typing stay as quick. Measured with `scripts/measure-desktop.sh`: the web
//! process after start 226 → 180 MiB, at the end of a working day 381 → 250 MiB.
//!
//! The environment wins: `WEBKIT_SKIA_ENABLE_CPU_RENDERING=0` set before the app starts paints on
//! the GPU again.

/// The variable WebKitGTK reads when its web process starts.
#[cfg(target_os = "linux")]
const CPU_PAINTING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Asks WebKit to paint pages on the CPU unless the environment already says how. Call before
/// any thread starts (the window's processes inherit the environment).
pub fn paint_on_the_cpu() {
    #[cfg(target_os = "linux")]
    if std::env::var_os(CPU_PAINTING).is_none() {
        std::env::set_var(CPU_PAINTING, "1");
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    // One test, as both halves change the process's environment.
    #[test]
    fn pages_are_painted_on_the_cpu_unless_the_environment_says_otherwise() {
        std::env::remove_var(CPU_PAINTING);
        paint_on_the_cpu();
        assert_eq!(std::env::var(CPU_PAINTING).as_deref(), Ok("1"));

        std::env::set_var(CPU_PAINTING, "0");
        paint_on_the_cpu();
        assert_eq!(std::env::var(CPU_PAINTING).as_deref(), Ok("0"));
    }
}
