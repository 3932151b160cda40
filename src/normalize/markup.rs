//! Markup that is not text: word-processor remnants (`[bookmark: _GoBack]`)
//! and Markdown emphasis markers (`**bold**`, `*italic*`, `***both***`).
//!
//! A `*` is kept when it is a list bullet (first on its line, followed by a
//! space), when it stands alone between spaces ("a * b"), or when escaped
//! (`\*`).

use super::{Log, Options};

const BOOKMARK: &[u8] = b"[bookmark:";

pub(super) fn apply(input: &str, _: &Options, log: &mut Log) -> Option<String> {
    let bytes = input.as_bytes();
    let has_star = memchr::memchr(b'*', bytes).is_some();
    let has_bookmark = memchr::memmem::find(bytes, BOOKMARK).is_some();
    if !has_star && !has_bookmark {
        return None;
    }
    let mut out = String::with_capacity(input.len());
    let mut copied = 0;
    let mut changed = false;
    let mut i = 0;
    while let Some(off) = memchr::memchr2(b'[', b'*', &bytes[i..]) {
        i += off;
        match bytes[i] {
            b'[' if bytes[i..].starts_with(BOOKMARK) => {
                let line_end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |o| i + o);
                if let Some(close) = memchr::memchr(b']', &bytes[i..line_end]) {
                    let end = i + close + 1;
                    out.push_str(&input[copied..i]);
                    log.stats_mut().markup += 1;
                    log.detail(input, i, &input[i..end], "");
                    copied = end;
                    changed = true;
                    i = end;
                    continue;
                }
                i += 1;
            }
            b'*' => {
                let run_end = i + bytes[i..].iter().take_while(|&&b| b == b'*').count();
                if !keep_stars(bytes, i, run_end) {
                    out.push_str(&input[copied..i]);
                    log.stats_mut().markup += 1;
                    log.detail(input, i, &input[i..run_end], "");
                    copied = run_end;
                    changed = true;
                }
                i = run_end;
            }
            _ => i += 1,
        }
    }
    if !changed {
        return None;
    }
    out.push_str(&input[copied..]);
    Some(out)
}

fn keep_stars(bytes: &[u8], start: usize, end: usize) -> bool {
    let prev = start.checked_sub(1).map(|p| bytes[p]);
    let next = bytes.get(end).copied();
    let space = |b: Option<u8>| matches!(b, None | Some(b' ' | b'\t' | b'\n'));
    if prev == Some(b'\\') {
        return true;
    }
    let line_start = bytes[..start]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let at_line_start = bytes[line_start..start]
        .iter()
        .all(|&b| b == b' ' || b == b'\t');
    if end - start == 1 && at_line_start && matches!(next, Some(b' ' | b'\t')) {
        return true; // a bullet
    }
    // Between spaces: an operator or a lone marker, not emphasis.
    space(prev) && space(next) && !at_line_start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        let mut log = Log::new(false);
        apply(s, &Options::default(), &mut log).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn emphasis_removed() {
        assert_eq!(run("**1. Sở Nội vụ**\n"), "1. Sở Nội vụ\n");
        assert_eq!(run("(*sau khi có hướng dẫn*)"), "(sau khi có hướng dẫn)");
        assert_eq!(run("***Căn cứ*** Luật"), "Căn cứ Luật");
    }

    #[test]
    fn bullets_and_operators_kept() {
        assert_eq!(run("* Sở Nội vụ\n  * Sở Y tế"), "* Sở Nội vụ\n  * Sở Y tế");
        assert_eq!(run("2 * 3"), "2 * 3");
        assert_eq!(run(r"\*literal"), r"\*literal");
    }

    #[test]
    fn bookmark_remnant_removed() {
        assert_eq!(run("[bookmark: _GoBack]c) Tiến hành"), "c) Tiến hành");
        assert_eq!(run("[bookmark: open"), "[bookmark: open");
    }
}
