//! The `casebench` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    match casebench::cli::run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("casebench: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
