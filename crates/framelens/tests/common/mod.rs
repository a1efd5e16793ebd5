//! What the table-driven tests share: every case runs, and a failure names its case without
//! hiding the others. (Each test binary uses what it needs of it.)
#![allow(dead_code)]

/// The failures of a table of cases.
#[derive(Default)]
pub struct Failures(Vec<String>);

impl Failures {
    /// Records a failure of case `name` unless `got == want`.
    pub fn eq<T: PartialEq + std::fmt::Debug>(&mut self, name: &str, what: &str, got: T, want: T) {
        if got != want {
            self.0
                .push(format!("{name}: {what} is {got:?}, want {want:?}"));
        }
    }

    /// Records a failure of case `name`.
    pub fn fail(&mut self, name: &str, why: String) {
        self.0.push(format!("{name}: {why}"));
    }

    /// Panics with every failure, one per line, if there was any.
    pub fn check(self, cases: usize) {
        assert!(
            self.0.is_empty(),
            "{} of {cases} cases failed:\n{}",
            self.0.len(),
            self.0.join("\n")
        );
    }
}
