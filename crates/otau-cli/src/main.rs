//! `otau`: the command line of an Otau office. Every command calls the same library functions
//! as the desktop app; `--json` prints one machine-readable document.

mod args;
mod commands;
mod context;
mod error;
mod output;

use clap::Parser;
use otau_i18n::Lang;

fn main() {
    let cli = args::Cli::parse();
    // A command that talks over the network must outlive a peer that hangs up (a device killed
    // in the middle of an answer must not take the centre down with it); the others print for
    // a reader that may go away.
    if !talks_over_the_network(&cli.command) {
        restore_default_sigpipe();
    }
    let (lang, bad_lang) = match cli.lang.parse::<Lang>() {
        Ok(l) => (l, None),
        Err(e) => (Lang::default(), Some(e)),
    };
    let mut ctx = context::Ctx::new(lang, cli.json, cli.db, cli.user);
    let result = match bad_lang {
        Some(e) => Err(error::CliError::with("cli-bad-lang", &[("value", e.0)])),
        None => commands::run(&mut ctx, cli.command),
    };
    if let Err(err) = result {
        error::report(ctx.lang, ctx.json, &err);
        std::process::exit(err.exit_code());
    }
}

fn talks_over_the_network(command: &args::Command) -> bool {
    matches!(
        command,
        args::Command::Sync(_)
            | args::Command::Centre(commands::centre::CentreCommand::Serve { .. })
    )
}

/// `otau find … | head` must end quietly when the reader goes away, as other command-line tools
/// do, instead of failing on a closed pipe.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to the default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
