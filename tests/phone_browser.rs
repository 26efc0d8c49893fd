//! *Eigen telefoon* in a real browser: headless Chromium (Debian's `chromium`) opens the
//! join URL on 127.0.0.1, follows the session from waiting to the ballot by itself, votes,
//! and the session counts the vote; the same page passes axe-core (WCAG 2.0/2.1 A and AA)
//! with no serious or critical violation in each state, reflows at 320 CSS pixels (what
//! 200 % zoom leaves on a phone) and has targets of at least 44 px; with JavaScript off the
//! plain form post votes too, chosen with the keyboard alone.
//!
//! Driven over the DevTools protocol with `headless_chrome`: synchronous like the rest of
//! the tests (no async runtime to set up), it starts the browser itself with the flags we
//! give it and kills it when dropped. Where Chromium is missing the test says loudly that it
//! was skipped; with `WIKKEN_REQUIRE_CHROMIUM=1` (set by `.ci/run`) that is a failure.

mod common;
mod phone_common;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chromium::{Chromium, chromium};
use headless_chrome::Tab;
use headless_chrome::protocol::cdp::Emulation;
use phone_common::Room;

/// The axe-core copy the test injects (MPL-2.0, see tests/fixtures/axe/).
const AXE: &str = include_str!("fixtures/axe/axe.min.js");

#[path = "support/chromium.rs"]
mod chromium;

/// Waits (at most ten seconds) until the page's text contains `text`.
fn wait_for_text(tab: &Tab, text: &str) -> String {
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        let content = tab.get_content().unwrap_or_default();
        if content.contains(text) {
            return content;
        }
        assert!(Instant::now() < until, "{text:?} never appeared in:\n{content}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.evaluate(js, true).expect("evaluates").value.unwrap_or(serde_json::Value::Null)
}

/// axe-core's serious and critical violations of the WCAG A and AA rules on this page.
fn axe_violations(tab: &Tab) -> Vec<String> {
    if eval(tab, "typeof axe") != "object" {
        tab.evaluate(AXE, false).expect("axe loads");
    }
    let result = eval(
        tab,
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', \
         'wcag21aa']}}).then(r => JSON.stringify({passes: r.passes.length, violations: \
         r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => \
         n.html)}))}))",
    );
    let parsed: serde_json::Value =
        serde_json::from_str(result.as_str().expect("axe's result")).expect("json");
    assert!(parsed["passes"].as_u64().unwrap_or(0) > 5, "axe ran its rules: {parsed}");
    parsed["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .map(|v| v.to_string())
        .collect()
}

/// Reflow and target size: nothing wider than 320 CSS px, every control at least 44 px.
fn check_layout(tab: &Tab) {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width: 320,
        height: 640,
        device_scale_factor: 2.0,
        mobile: true,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("narrow viewport");
    let wide =
        eval(tab, "document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assert!(wide.as_f64().unwrap_or(1.0) <= 0.0, "the page scrolls sideways at 320 px: {wide}");
    let small = eval(
        tab,
        "JSON.stringify([...document.querySelectorAll('label, button, a')].map(e => \
         e.getBoundingClientRect()).filter(r => r.height < 44 || r.width < 44).length)",
    );
    assert_eq!(small, "0", "targets smaller than 44 px");
    tab.call_method(Emulation::ClearDeviceMetricsOverride(None)).expect("back");
}

/// Opens `url` in `tab` (with JavaScript or without), waiting at most ten seconds for
/// anything the test asks of it.
fn visit(tab: Arc<Tab>, url: &str, javascript: bool) -> Arc<Tab> {
    tab.set_default_timeout(Duration::from_secs(10));
    if !javascript {
        tab.call_method(Emulation::SetScriptExecutionDisabled { value: true }).expect("no js");
    }
    tab.navigate_to(url).expect("navigate").wait_until_navigated().expect("loaded");
    tab
}

#[test]
fn a_real_browser_votes_and_the_session_counts_it_and_the_page_passes_axe() {
    let Some(path) = chromium("the phone page's browser test") else { return };
    let mut room = Room::new(3);
    let url = room.url();
    let chromium = Chromium::launch(path);
    let tab = visit(chromium.browser().new_tab().expect("tab"), &url, true);
    wait_for_text(&tab, "Even wachten");
    room.pump_until("the browser joined", |s| s.session.joined.len() == 1);
    assert_eq!(axe_violations(&tab), Vec::<String>::new(), "waiting page");

    // The session opens the vote; the page follows by itself (it asks every two seconds).
    room.open_vote();
    wait_for_text(&tab, "De hardheidsclausule toepassen");
    assert_eq!(axe_violations(&tab), Vec::<String>::new(), "ballot");
    check_layout(&tab);
    tab.wait_for_element("label[for=o2]").expect("werkwijze 2").click().expect("choose");
    tab.wait_for_element("button[type=submit]").expect("button").click().expect("vote");
    wait_for_text(&tab, "Je stem is ontvangen");
    room.pump_until("the browser's vote", |s| s.session.progress().0 == 1);
    let counts = room.session().session.round().expect("round").ballots.counts();
    assert_eq!(counts.get("clausule"), Some(&1), "{counts:?}");
    assert_eq!(axe_violations(&tab), Vec::<String>::new(), "received");
    let focused = eval(&tab, "document.activeElement && document.activeElement.id");
    assert_eq!(focused, "h", "the new state's heading has the focus, for screen readers");

    // Without JavaScript, in a second phone (its own cookies): the plain form votes.
    let context = chromium.browser().new_context().expect("context");
    let plain = visit(context.new_tab().expect("tab"), &url, false);
    room.pump_until("the second phone", |s| s.session.joined.len() == 2);
    // It joined after the round opened: it waits for the next one.
    wait_for_text(&plain, "Je stemt mee vanaf de volgende ronde");
    drop(plain);

    // The reveal: "kijk naar het scherm".
    room.press([wikken::tui::Action::Enter, wikken::tui::Action::Yes]);
    wait_for_text(&tab, "Kijk naar het scherm");
    assert_eq!(axe_violations(&tab), Vec::<String>::new(), "look at the screen");
    assert!(Path::new(chromium.profile.path()).exists());
}

#[test]
fn without_javascript_the_form_post_votes() {
    let Some(path) = chromium("the phone page's browser test") else { return };
    let mut room = Room::new(3);
    let url = room.url();
    let chromium = Chromium::launch(path);
    let tab = visit(chromium.browser().new_tab().expect("tab"), &url, false);
    room.pump_until("joined", |s| s.session.joined.len() == 1);
    room.open_vote();
    // Without JavaScript the page refreshes itself every few seconds while waiting.
    wait_for_text(&tab, "De regel volgen");
    // By keyboard, as without a mouse: into the group, down to the third, on to the button.
    for key in ["Tab", "ArrowDown", "ArrowDown", "Tab", "Enter"] {
        tab.press_key(key).expect("key");
    }
    wait_for_text(&tab, "Je stem is ontvangen");
    room.pump_until("the vote", |s| s.session.progress().0 == 1);
    let counts = room.session().session.round().expect("round").ballots.counts();
    assert_eq!(counts.get("overleg"), Some(&1));
}
