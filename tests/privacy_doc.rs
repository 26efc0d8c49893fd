//! PRIVACY.md and the README say each limit of what wikken can hide or erase once, in the
//! same words the screen uses (`wikken pool status`, `wikken forget`): the Dutch sentence in
//! PRIVACY.md, the English one in its English summary and in the README.

use wikken::i18n::{CliText, Lang, Limit};

/// A document's text with every run of white space one space (sentences wrap in Markdown).
fn flat(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    let text = std::fs::read_to_string(path).expect("document");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn each_limit_is_said_once_in_the_words_on_screen() {
    let (privacy, readme) = (flat("PRIVACY.md"), flat("README.md"));
    for limit in Limit::ALL {
        let nl = CliText(Lang::Nl).limit(limit);
        let en = CliText(Lang::En).limit(limit);
        assert_eq!(privacy.matches(nl).count(), 1, "PRIVACY.md, {limit:?}: {nl}");
        assert_eq!(privacy.matches(en).count(), 1, "PRIVACY.md's summary, {limit:?}: {en}");
        assert_eq!(readme.matches(en).count(), 1, "README.md, {limit:?}: {en}");
    }
}

#[test]
fn the_screen_says_the_limits() {
    let nl = CliText(Lang::Nl);
    let done = nl.forget_done(3, 2);
    assert!(done.contains(nl.limit(Limit::BundlesHandedOver)), "{done}");
    assert!(done.contains(nl.limit(Limit::Backups)), "{done}");
    use wikken::store::{Fact, PoolKind, PoolStatus};
    let status = |kind| PoolStatus { kind, location: "x".into(), facts: vec![Fact::Files(1)] };
    let folder = nl.pool_status(&status(PoolKind::Folder));
    assert!(folder.contains(nl.limit(Limit::FolderAccounts)), "{folder}");
    let server = nl.pool_status(&status(PoolKind::Server));
    assert!(server.contains(nl.limit(Limit::ServerAdministrator)), "{server}");
}
