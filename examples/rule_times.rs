//! Which rules cost the most: runs every rule alone over the bundled plans
//! and lists the slowest (`cargo run --release --example rule_times`).

use kehoach::document::Document;
use kehoach::rules::RuleSet;
use std::time::Instant;
fn main() {
    let set = RuleSet::embedded().unwrap();
    let mut texts = Vec::new();
    for e in std::fs::read_dir("corpus").unwrap() {
        let raw = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let (t, _) =
            kehoach::normalize::normalize(std::borrow::Cow::Owned(raw), &Default::default());
        texts.push(t.into_owned());
    }
    let total: usize = texts.iter().map(|t| t.len()).sum();
    let docs: Vec<Document> = texts.iter().map(|t| Document::new(t)).collect();
    let scans: Vec<_> = docs.iter().map(|d| set.scan(d)).collect();
    let mut rows = Vec::new();
    for r in set.rules() {
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..3 {
            for (d, s) in docs.iter().zip(&scans) {
                n += s.matches_of(d, r).len();
            }
        }
        let secs = t.elapsed().as_secs_f64() / 3.0;
        rows.push((secs, r.id.clone(), n / 3, r.anchored));
    }
    rows.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    let sum: f64 = rows.iter().map(|r| r.0).sum();
    let mut out = format!(
        "total {:.1} ms for {:.2} MB => {:.1} MB/s\n",
        sum * 1e3,
        total as f64 / 1e6,
        total as f64 / 1e6 / sum
    );
    for (s, id, n, a) in rows.iter().take(25) {
        out.push_str(&format!(
            "{:8.2} ms  {id}  matches={n} anchored={a}\n",
            s * 1e3
        ));
    }
    use std::io::Write;
    let _ = std::io::stdout().write_all(out.as_bytes());
}
