//! The `casebench` binary: everything lives in the library.

use std::io::Write as _;

fn main() -> std::process::ExitCode {
    match casebench::cli::run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // Not eprintln!: it panics when stderr is gone (a closed terminal).
            let _ = writeln!(
                std::io::stderr(),
                "casebench: {}",
                casebench::cli::error_text(&e)
            );
            std::process::ExitCode::FAILURE
        }
    }
}
