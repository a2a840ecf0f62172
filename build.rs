// The binary carries about 10 MB of read-only tables holding pointers (grammars, the
// minifier's and the template engine's tables). As a position-independent executable every
// one of them is relocated, page by page, at each start: measured as a third of the time of
// a small build. Linked at a fixed address there is nothing to relocate.
fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.contains("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
