//! Reading JSON Lines into an [`Auditor`]: chunks of lines are parsed in
//! parallel into [`Digest`]s, then folded in order, so the result does not
//! depend on the number of threads and only one chunk is held at a time.

use std::io::BufRead;

use rayon::prelude::*;

use super::Auditor;
use super::digest::{Digest, Kind};

/// Lines parsed together (in parallel) before they are folded in order.
const LINES_PER_CHUNK: usize = 1024;
/// Unreadable lines quoted in the audit.
const INVALID_EXAMPLES: usize = 5;

impl Auditor<'_> {
    /// Count an unreadable line (`where_` is `file:line`).
    pub fn add_invalid(&mut self, where_: &str, error: &str) {
        self.totals.invalid_lines += 1;
        if self.invalid_examples.len() < INVALID_EXAMPLES {
            self.invalid_examples.push(format!("{where_}: {error}"));
        }
    }

    /// Fold one JSON Lines record (blank lines are ignored).
    pub fn add_line(&mut self, line: &str) {
        if line.trim().is_empty() {
            return;
        }
        match Digest::parse(line) {
            Ok(d) => self.add(d),
            Err(e) => self.add_invalid("line", &e.to_string()),
        }
    }

    /// Read a JSON Lines stream named `name`, parsing chunks of lines in
    /// parallel on `pool` and folding them in order.
    pub fn add_jsonl(
        &mut self,
        mut reader: impl BufRead,
        name: &str,
        pool: &rayon::ThreadPool,
    ) -> std::io::Result<()> {
        let mut lineno = 0usize;
        loop {
            let mut chunk: Vec<String> = Vec::with_capacity(LINES_PER_CHUNK);
            for _ in 0..LINES_PER_CHUNK {
                let mut line = String::new();
                if reader.read_line(&mut line)? == 0 {
                    break;
                }
                chunk.push(line);
            }
            if chunk.is_empty() {
                return Ok(());
            }
            let parsed: Vec<Option<Result<Digest, String>>> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|l| {
                        (!l.trim().is_empty()).then(|| Digest::parse(l).map_err(|e| e.to_string()))
                    })
                    .collect()
            });
            let n = chunk.len();
            drop(chunk);
            for (i, p) in parsed.into_iter().enumerate() {
                match p {
                    None => {}
                    Some(Ok(d)) if d.kind() == Kind::Other => self.add_invalid(
                        &format!("{name}:{}", lineno + i + 1),
                        "not a kehoach record (no known schema)",
                    ),
                    Some(Ok(d)) => self.add(d),
                    Some(Err(e)) => self.add_invalid(&format!("{name}:{}", lineno + i + 1), &e),
                }
            }
            lineno += n;
            if n < LINES_PER_CHUNK {
                return Ok(());
            }
        }
    }
}
