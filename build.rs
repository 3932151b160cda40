//! Embeds every file under `rules/` into the binary, so `kehoach` runs
//! anywhere without its source tree (`--rules DIR` still loads an edited copy).
use std::{env, fs, path::Path};

fn collect(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("rules/ is readable")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "toml" || e == "tsv") {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push(format!(
                "    ({rel:?}, include_str!({abs:?})),\n",
                abs = path.canonicalize().unwrap().to_string_lossy()
            ));
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    let body = format!(
        "/// Every rule file, as (path relative to `rules/`, contents), sorted by path.\npub static EMBEDDED_RULES: &[(&str, &str)] = &[\n{}];\n",
        files.concat()
    );
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("embedded_rules.rs");
    fs::write(out, body).expect("write embedded_rules.rs");
}
