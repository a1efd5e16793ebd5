//! Streams a JSON Lines corpus (a `text` field per line; `id`, `outlet` and `url` are used when
//! present) into one result line per input line, with the Rust core alone:
//!
//!     cargo run --release --example stream -- CORPUS.jsonl RESULTS.jsonl [THREADS]
//!
//! `-` reads standard input or writes standard output. Progress goes to standard error after
//! each chunk; Ctrl-C ends the program (the lines written so far stay whole and in order).

use std::process::ExitCode;

use framelens::stream::{stream_jsonl, Input, Observer, Output, Progress, StreamOptions};
use framelens::{parallel, Analyzer};

/// Prints progress on one line of standard error.
struct Report;

impl Observer for Report {
    fn progress(&mut self, p: &Progress) {
        let seconds = p.elapsed.as_secs_f64().max(1e-9);
        eprint!(
            "\r{} documents ({} failed), {:.1} MB of text per second",
            p.documents,
            p.failed,
            p.text_bytes as f64 / 1e6 / seconds
        );
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(output)) = (args.first(), args.get(1)) else {
        eprintln!("usage: stream CORPUS.jsonl RESULTS.jsonl [THREADS]");
        return ExitCode::from(2);
    };
    let threads = args.get(2).and_then(|t| t.parse().ok());
    let run = || -> framelens::Result<_> {
        let analyzer = Analyzer::new()?;
        let pool = parallel::pool(threads)?;
        stream_jsonl(
            &analyzer,
            &pool,
            Input::path(input),
            Output::path(output),
            &StreamOptions::default(),
            &mut Report,
        )
    };
    match run() {
        Ok(totals) => {
            eprintln!();
            eprintln!("{} documents, {} failed", totals.documents, totals.failed);
            ExitCode::from(u8::from(totals.failed > 0))
        }
        Err(e) => {
            eprintln!("\nstream: {e}");
            ExitCode::FAILURE
        }
    }
}
