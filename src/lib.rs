//! studysite: a static-site generator for study notes.
//!
//! The pipeline runs one way, each stage in its own modules with its own types, and
//! a module imports only its own stage and the stages before it (a test checks it,
//! `tests/architecture.rs`; docs/architecture.md draws the map):
//! 0. shared leaves: [`util`], [`diagnostics`], [`timings`], [`routes`] (output
//!    names), [`sink`] (where rendered files go), [`locale`] (interface strings);
//! 1. load: [`config`], [`mkdocs_yml`], [`obsidian_vault`], [`docusaurus`], [`awesome_pages`], [`file_names`], [`dialect`],
//!    [`frontmatter`], [`mod@include`], [`mdbook`], [`liquid_include`], [`snippets`], [`content`];
//! 2. parse: [`markdown`] (one file per syntax extension), [`questions`] (one file
//!    per written form), [`page`] (one page through both), then [`nav`] and [`site`]
//!    (the loaded and parsed site);
//! 3. render: [`render`] (a file per generated page and data file) with [`theme`],
//!    [`fingerprint`] and [`search`];
//! 4. write: [`output`];
//! 5. the commands on top: [`build`] (`build` and `check`), [`serve`], [`cli`],
//!    [`init`], and [`testing`] (whole-site conveniences for tests and fuzzing).

pub mod awesome_pages;
pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod dialect;
pub mod docusaurus;
pub mod file_names;
pub mod fingerprint;
pub mod frontmatter;
pub mod import;
pub mod include;
pub mod init;
pub mod languages;
pub mod liquid_include;
pub mod locale;
pub mod markdown;
pub mod mdbook;
pub mod mkdocs_yml;
pub mod natural;
pub mod nav;
pub mod obsidian_vault;
pub mod order;
pub mod output;
pub mod page;
pub mod questions;
pub mod redirects;
pub mod render;
pub mod routes;
pub mod search;
pub mod serve;
pub mod sink;
pub mod site;
pub mod snippets;
pub mod testing;
pub mod theme;
pub mod timings;
pub mod util;
