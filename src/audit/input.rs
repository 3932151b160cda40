//! Reading JSON Lines into an [`Auditor`]: chunks of lines are parsed in
//! parallel into [`Digest`]s, then folded in order, so the result does not
//! depend on the number of threads and only one chunk is held at a time.

use std::io::BufRead;

use rayon::prelude::*;

use super::Auditor;
use super::digest::{Digest, Kind};

/// Lines parsed together (in parallel) before they are folded in order …
const LINES_PER_CHUNK: usize = 1024;
/// … or fewer when they add up to this many bytes.
const CHUNK_BYTES: usize = 32 << 20;
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

    /// Read a JSON Lines stream named `name`: chunks of lines are parsed
    /// in parallel on `pool` (straight from bytes: serde skips the fields
    /// the audit does not read without decoding them) and folded in order.
    pub fn add_jsonl(
        &mut self,
        mut reader: impl BufRead,
        name: &str,
        pool: &rayon::ThreadPool,
    ) -> std::io::Result<()> {
        let mut lineno = 0usize;
        let mut buf: Vec<u8> = Vec::new();
        let mut ends: Vec<usize> = Vec::with_capacity(LINES_PER_CHUNK);
        loop {
            buf.clear();
            ends.clear();
            let mut eof = false;
            while ends.len() < LINES_PER_CHUNK && buf.len() < CHUNK_BYTES {
                if reader.read_until(b'\n', &mut buf)? == 0 {
                    eof = true;
                    break;
                }
                ends.push(buf.len());
            }
            let lines: Vec<&[u8]> = ends
                .iter()
                .scan(0, |start, &end| {
                    let line = &buf[*start..end];
                    *start = end;
                    Some(line)
                })
                .collect();
            let parsed: Vec<Option<Result<Digest, String>>> = pool.install(|| {
                lines
                    .par_iter()
                    .map(|l| {
                        (!l.trim_ascii().is_empty())
                            .then(|| serde_json::from_slice(l).map_err(|e| e.to_string()))
                    })
                    .collect()
            });
            for (i, p) in parsed.into_iter().enumerate() {
                let at = || format!("{name}:{}", lineno + i + 1);
                match p {
                    None => {}
                    Some(Ok(d)) if d.kind() == Kind::Other => {
                        self.add_invalid(&at(), "not a kehoach record (no known schema)")
                    }
                    Some(Ok(d)) => self.add(d),
                    Some(Err(e)) => self.add_invalid(&at(), &e),
                }
            }
            lineno += lines.len();
            if eof {
                return Ok(());
            }
        }
    }
}
