//! The JSON Lines stream of the core: one line out per line in, in order, and never a lost or
//! half-written output.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use framelens::stream::{stream_jsonl, Input, Observer, Output, StreamOptions};
use framelens::{parallel, Analyzer, ErrorKind};

/// An empty directory for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("framelens-stream-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// The names in the directory, sorted.
    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn corpus(lines: usize) -> String {
    (0..lines)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"Report {i}: the regime lied.\"}}\n"))
        .collect()
}

fn run(
    input: Input,
    output: Output,
    observer: &mut dyn Observer,
) -> framelens::Result<framelens::stream::Totals> {
    let opts = StreamOptions {
        chunk_lines: 7,
        ..StreamOptions::default()
    };
    let pool = parallel::pool(Some(2)).unwrap();
    stream_jsonl(
        &Analyzer::new().unwrap(),
        &pool,
        input,
        output,
        &opts,
        observer,
    )
}

fn line_numbers(path: &Path) -> Vec<u64> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["line"]
                .as_u64()
                .unwrap()
        })
        .collect()
}

#[test]
fn a_stream_writes_every_line_in_order_and_leaves_no_temporary_file() {
    let dir = Scratch::new("order");
    let (src, out) = (dir.path("in.jsonl"), dir.path("out.jsonl"));
    std::fs::write(&src, corpus(100)).unwrap();
    let totals = run(Input::path(&src), Output::path(&out), &mut ()).unwrap();
    assert_eq!(
        (totals.documents, totals.failed, totals.stopped),
        (100, 0, false)
    );
    assert_eq!(line_numbers(&out), (1..=100).collect::<Vec<_>>());
    assert_eq!(dir.names(), ["in.jsonl", "out.jsonl"]);
}

#[test]
fn the_input_is_never_the_output_through_any_link() {
    let dir = Scratch::new("same");
    let src = dir.path("in.jsonl");
    let text = corpus(20);
    std::fs::write(&src, &text).unwrap();
    let mut aliases = vec![src.clone(), dir.path(".").join("in.jsonl")];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&src, dir.path("link.jsonl")).unwrap();
        aliases.push(dir.path("link.jsonl"));
    }
    std::fs::hard_link(&src, dir.path("hard.jsonl")).unwrap();
    aliases.push(dir.path("hard.jsonl"));
    for alias in aliases {
        let err = run(Input::path(&src), Output::path(&alias), &mut ()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Io, "{alias:?}");
        assert!(
            err.message().contains("it is the input file"),
            "{alias:?}: {err}"
        );
        assert_eq!(
            std::fs::read_to_string(&src).unwrap(),
            text,
            "{alias:?} wiped the input"
        );
    }
}

#[test]
fn a_failed_stream_leaves_nothing_under_the_final_name() {
    let dir = Scratch::new("failed");
    let out = dir.path("out.jsonl");
    std::fs::write(&out, "an older result\n").unwrap();
    /// A reader that fails after the first lines.
    struct Broken(Cursor<Vec<u8>>);
    impl std::io::Read for Broken {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match self.0.read(buf)? {
                0 => Err(std::io::Error::other("the disk went away")),
                n => Ok(n),
            }
        }
    }
    let input = Input::Reader {
        reader: Box::new(std::io::BufReader::new(Broken(Cursor::new(
            corpus(30).into_bytes(),
        )))),
        name: "broken".into(),
    };
    let err = run(input, Output::path(&out), &mut ()).unwrap_err();
    assert!(err.message().contains("cannot read broken"), "{err}");
    // The older result is untouched, no temporary file is left behind, and the lines analysed
    // before the error are kept, whole and in order, beside it.
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "an older result\n");
    assert_eq!(dir.names(), ["out.jsonl", "out.jsonl.partial"]);
    let partial = std::fs::read_to_string(dir.path("out.jsonl.partial")).unwrap();
    let lines: Vec<&str> = partial.lines().collect();
    assert!(
        err.message()
            .contains(&format!("the {} lines before are in", lines.len())),
        "{err}"
    );
    for (i, line) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["line"], i + 1);
    }
    std::fs::remove_file(dir.path("out.jsonl.partial")).unwrap();
    // A missing input creates nothing either.
    let missing = run(
        Input::path(dir.path("nope.jsonl")),
        Output::path(dir.path("new.jsonl")),
        &mut (),
    );
    assert_eq!(missing.unwrap_err().kind(), ErrorKind::Io);
    assert_eq!(dir.names(), ["out.jsonl"]);
}

#[test]
fn a_stopped_stream_keeps_whole_lines_in_order() {
    /// Stops after the third chunk.
    struct StopAfter(usize);
    impl Observer for StopAfter {
        fn stop(&mut self) -> bool {
            self.0 = self.0.saturating_sub(1);
            self.0 == 0
        }
    }
    let dir = Scratch::new("stopped");
    let (src, out) = (dir.path("in.jsonl"), dir.path("out.jsonl"));
    std::fs::write(&src, corpus(500)).unwrap();
    let totals = run(Input::path(&src), Output::path(&out), &mut StopAfter(3)).unwrap();
    assert!(totals.stopped);
    let lines = line_numbers(&out);
    assert!(
        !lines.is_empty() && lines.len() < 500,
        "{} lines",
        lines.len()
    );
    assert_eq!(lines, (1..=lines.len() as u64).collect::<Vec<_>>());
    assert_eq!(totals.documents, lines.len());
    assert_eq!(dir.names(), ["in.jsonl", "out.jsonl"]);
}

#[test]
fn the_outlet_and_url_columns_can_be_named() {
    let dir = Scratch::new("columns");
    let (src, out) = (dir.path("in.jsonl"), dir.path("out.jsonl"));
    std::fs::write(
        &src,
        "{\"body\": \"Talks stalled.\", \"link\": \"https://www.reuters.com/x\"}\n\
         {\"body\": \"Talks resumed.\", \"source\": \"Reuters\"}\n",
    )
    .unwrap();
    let opts = StreamOptions {
        text_col: "body".into(),
        outlet_col: "source".into(),
        url_col: "link".into(),
        ..StreamOptions::default()
    };
    let pool = parallel::pool(Some(1)).unwrap();
    let analyzer = Analyzer::new().unwrap();
    let (input, output) = (Input::path(&src), Output::path(&out));
    stream_jsonl(&analyzer, &pool, input, output, &opts, &mut ()).unwrap();
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let outlets: Vec<&str> = lines
        .iter()
        .map(|l| l["provenance"]["outlet"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(outlets, ["reuters", "reuters"]);
    assert_eq!(lines[0]["url"], "https://www.reuters.com/x");
    assert_eq!(lines[1]["outlet"], "Reuters");
}

#[cfg(unix)]
#[test]
fn an_output_through_a_link_or_private_stays_so() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = Scratch::new("link");
    let src = dir.path("in.jsonl");
    std::fs::write(&src, corpus(5)).unwrap();
    // A link to the output: the file it points to gets the results, and the link stays.
    let target = dir.path("target.jsonl");
    std::fs::write(&target, "an older result\n").unwrap();
    let link = dir.path("link.jsonl");
    symlink(&target, &link).unwrap();
    run(Input::path(&src), Output::path(&link), &mut ()).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap().lines().count(), 5);
    // A private output (0600) stays private; a new one gets the usual mode.
    let private = dir.path("private.jsonl");
    std::fs::write(&private, "old\n").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    run(Input::path(&src), Output::path(&private), &mut ()).unwrap();
    let mode = std::fs::metadata(&private).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(
        std::fs::read_to_string(&private).unwrap().lines().count(),
        5
    );
}
