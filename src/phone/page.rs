//! The one page a phone sees, in every state: one self-contained HTML document with its CSS
//! and script inline (nothing loaded from anywhere, no fonts, no images), under
//! [`PAGE_BUDGET`] for every bundled dilemma (`wikken check` warns about a pack whose
//! ballot would not be, see [`ballot_page_bytes`]). Without JavaScript it is a plain form
//! that posts, and every waiting page has a *Vernieuwen* button: nothing refreshes by
//! itself. With JavaScript the vote is sent in the background and the page follows the
//! session by asking for a short state tag every two seconds. Every text from a pack is
//! escaped.
//!
//! Accessibility (WCAG 2.1 AA, see TOEGANKELIJKHEID.md): dark text on white (contrast
//! above 7:1), targets of at least 44 px, a real `<fieldset>` with the question as its
//! `<legend>`, each werkwijze named by its title with its text as the description
//! (`aria-describedby`), the page's own message for an empty vote (never the browser's), a
//! status region that screen readers announce, the heading focused when the page changes
//! state, and sizes in `rem` so 200 % zoom reflows instead of cutting.

use sha2::{Digest, Sha256};

use super::Ballot;
use crate::i18n::PhoneText;

/// The most a ballot page should weigh: it has to load quickly on a phone over a busy
/// venue Wi-Fi. Nothing enforces it at serving time (a page is never cut or split); `wikken
/// check` warns about a dilemma whose page would be larger.
pub const PAGE_BUDGET: usize = 50 * 1024;

/// What one phone is shown.
#[derive(Debug, Clone, Copy)]
pub enum View<'a> {
    /// Connected; no vote open.
    Waiting,
    /// The ballot of an open round; `chosen` is this phone's vote so far (checked).
    Vote {
        /// The round's key, sent back with the vote.
        round: u32,
        /// The re-vote after the discussion ("Tweede ronde").
        second: bool,
        /// Title, question, werkwijzen.
        ballot: &'a Ballot,
        /// This phone's current vote, if any.
        chosen: Option<&'a str>,
        /// A refusal to say above the form.
        error: Option<&'a str>,
    },
    /// The vote was received; it can be changed until the reveal.
    Received {
        /// The re-vote after the discussion.
        second: bool,
        /// The werkwijze chosen: its number and title.
        choice: (usize, &'a str),
    },
    /// The round began before this phone joined.
    Late,
    /// The distribution is on the shared screen.
    Look,
    /// The session is over.
    Ended,
    /// A page that says no: too many phones, too many requests, unknown session, no cookie,
    /// another host.
    Notice {
        /// Heading.
        title: &'a str,
        /// Explanation.
        text: &'a str,
        /// Offer "Opnieuw proberen" (a fresh start at the session's address).
        retry: bool,
    },
}

impl View<'_> {
    /// Whether the page waits for the session, and so offers *Vernieuwen* (and the script
    /// keeps asking for the state).
    fn waits(&self) -> bool {
        matches!(self, View::Waiting | View::Received { .. } | View::Late | View::Look)
    }

    /// Whether the script keeps following the session on this page.
    fn polls(&self) -> bool {
        self.waits() || matches!(self, View::Vote { .. })
    }
}

/// Around the view: where the session is, and what to say on top.
#[derive(Debug, Clone, Copy, Default)]
pub struct Frame<'a> {
    /// `/j/CODE`; empty on a page for a request that did not name the session.
    pub base: &'a str,
    /// The state tag the script compares with the server's to know when to follow.
    pub tag: &'a str,
    /// The join address, shown at the foot of the page so a neighbour can be told it;
    /// `None` where the request did not name the session.
    pub address: Option<&'a str>,
    /// Something to say above the page's own text (a vote that came too late).
    pub notice: Option<&'a str>,
}

/// The page's style sheet.
const STYLE: &str = r#"
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:1.125rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
main,footer{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h1:focus{outline:none}
h2{font-size:1.25rem;margin:0 0 .5rem}
fieldset{border:0;margin:0 0 1rem;padding:0;min-width:0}
legend{font-weight:700;font-size:1.25rem;margin:0 0 .75rem;padding:0}
.opt{position:relative;margin:0 0 .75rem}
.opt input{position:absolute;left:1rem;top:1rem;width:1.5rem;height:1.5rem;margin:0;accent-color:#0b4f8a}
.opt label{display:block;min-height:3rem;padding:.75rem 1rem .75rem 3.25rem;border:2px solid #5c5f66;border-radius:.5rem;cursor:pointer;overflow-wrap:anywhere}
.opt input:checked+label{border-color:#0b4f8a;background:#e8f0fb;box-shadow:inset 0 0 0 2px #0b4f8a}
.opt input:focus-visible+label{outline:3px solid #0b4f8a;outline-offset:2px}
.t{display:block;font-weight:700}
.d{display:block;margin-top:.25rem}
.d .p{display:block;margin:.25rem 0 0}
.btn{display:inline-block;min-height:3rem;min-width:44px;padding:.75rem 1.5rem;font:inherit;font-weight:700;line-height:1.5;color:#fff;background:#0b4f8a;border:2px solid #0b4f8a;border-radius:.5rem;text-decoration:none;cursor:pointer}
.btn:focus-visible,.btn2:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
.btn2{display:inline-block;min-height:3rem;min-width:44px;padding:.75rem 1.5rem;font:inherit;font-weight:700;line-height:1.5;color:#0b4f8a;background:#fff;border:2px solid #0b4f8a;border-radius:.5rem;text-decoration:none;cursor:pointer}
.row{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.row form{margin:0}
.tag{display:block;font-size:1rem;font-weight:700;color:#0b4f8a;text-transform:uppercase;letter-spacing:.05em}
.addr{overflow-wrap:anywhere;font-weight:700}
.note{padding:.75rem 1rem;border-left:4px solid #0b4f8a;background:#f1f5fb}
.err{padding:.75rem 1rem;border-left:4px solid #a4161a;background:#fdf0f0;color:#7a1013}
.small{font-size:1rem;color:#45474c}
#status:empty{display:none}
"#;

/// The page's script: send the vote in the background, follow the session. Kept constant
/// (texts come from `data-` attributes) so the page's security policy can name its hash.
const SCRIPT: &str = r#"
(function(){
var b=document.body,base=b.getAttribute('data-base');
function say(t){var s=document.getElementById('status');if(s)s.textContent=t;}
function swap(html){var d=new DOMParser().parseFromString(html,'text/html');var m=d.getElementById('main');if(!m)return;
document.getElementById('main').innerHTML=m.innerHTML;
['data-v','data-poll'].forEach(function(a){b.setAttribute(a,d.body.getAttribute(a)||'');});
var h=document.getElementById('h');if(h)h.focus();}
function get(url){return fetch(url,{credentials:'same-origin',cache:'no-store'}).then(function(r){return r.text();}).then(swap);}
function load(){return get(base);}
function poll(){if(b.getAttribute('data-poll')!=='1')return;
fetch(base+'/state',{credentials:'same-origin',cache:'no-store'}).then(function(r){
if(r.status===403)return get(base+'?r=1');if(r.status===503)return load();
if(r.ok)return r.json().then(function(j){if(j.v!==b.getAttribute('data-v'))return load();});})
.catch(function(){}).then(function(){setTimeout(poll,2000);});}
document.addEventListener('submit',function(e){var f=e.target;if(f.id!=='vote')return;e.preventDefault();
var o=f.querySelector('input[name=option]:checked');if(!o){say(b.getAttribute('data-choose'));return;}
say(b.getAttribute('data-sending'));
fetch(base+'/vote',{method:'POST',credentials:'same-origin',headers:{'Content-Type':'application/json'},
body:JSON.stringify({round:+f.elements.round.value,option:o.value})})
.then(function(r){return r.json().then(function(j){return {ok:r.ok,j:j};});})
.then(function(x){if(x.ok)return load();var m=x.j.message||b.getAttribute('data-offline');
if(x.j.error==='closed'||x.j.error==='late')return load().then(function(){say(m);});say(m);})
.catch(function(){say(b.getAttribute('data-offline'));});});
poll();
})();
"#;

/// The `Content-Security-Policy` of every page: nothing from outside, no frames, the inline
/// style and script only by their hashes, and forms and requests to this server only.
pub fn security_policy() -> String {
    format!(
        "default-src 'none'; style-src '{}'; script-src '{}'; connect-src 'self'; \
         form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        sha256_source(STYLE),
        sha256_source(SCRIPT)
    )
}

fn sha256_source(text: &str) -> String {
    format!("sha256-{}", base64(&Sha256::digest(text.as_bytes())))
}

/// Standard base64 with padding (for the policy's hashes).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Escapes text for HTML content and attribute values, after making control and invisible
/// characters visible as U+FFFD (as for a terminal: a pack's text is never trusted).
pub fn escape(text: &str) -> String {
    crate::clean::html(text)
}

/// Text with blank lines as paragraphs, escaped; spans shown as blocks, because a label
/// may hold only phrasing content.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<span class=\"p\">{}</span>", escape(p)))
        .collect()
}

/// The whole page for `view` in `frame`.
pub fn render(t: &PhoneText, view: View, frame: &Frame) -> String {
    let base = escape(frame.base);
    let mut main = main_of(t, view, frame, &base);
    main.push_str("<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>");
    let address = frame.address.map_or(String::new(), |a| {
        format!(
            "<p class=\"small\">{}: <span class=\"addr\">{}</span></p>",
            escape(t.address_label),
            escape(a)
        )
    });
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <title>{title}</title><style>{STYLE}</style></head>\
         <body data-v=\"{tag}\" data-poll=\"{poll}\" data-base=\"{base}\" \
         data-choose=\"{choose}\" data-sending=\"{sending}\" data-offline=\"{offline}\">\
         <main id=\"main\">{main}</main>\
         <footer>{address}<p class=\"small\">{privacy}</p></footer>\
         <script>{SCRIPT}</script></body></html>",
        lang = t.html_lang,
        title = escape(t.page_title),
        tag = escape(frame.tag),
        poll = if view.polls() && !base.is_empty() { "1" } else { "0" },
        choose = escape(t.choose_first),
        sending = escape(t.sending),
        offline = escape(t.offline),
        privacy = escape(t.privacy),
    )
}

/// The page's heading, marked "Tweede ronde" in the re-vote; it takes the focus when the
/// script changes the page.
fn heading(t: &PhoneText, title: &str, second: bool) -> String {
    let tag = if second {
        format!("<span class=\"tag\">{}</span> ", escape(t.second_round))
    } else {
        String::new()
    };
    format!("<h1 id=\"h\" tabindex=\"-1\">{tag}{}</h1>", escape(title))
}

/// What goes in `<main>` for `view` (`base` escaped).
fn main_of(t: &PhoneText, view: View, frame: &Frame, base: &str) -> String {
    let (title, text) = match view {
        View::Vote { round, second, ballot, chosen, error } => {
            let mut main = heading(t, &ballot.title, second);
            push_notice(&mut main, frame.notice);
            main.push_str(&ballot_form(t, base, (round, second), ballot, chosen, error));
            return main;
        }
        View::Received { second, choice: (n, title) } => {
            let mut main = heading(t, t.received_title, second);
            push_notice(&mut main, frame.notice);
            main.push_str(&format!(
                "<p class=\"note\">{}: {} {n}, {}</p><p>{}</p>\
                 <div class=\"row\"><a class=\"btn\" href=\"{base}?change=1\">{}</a>{}</div>",
                escape(t.your_choice),
                escape(&t.option_label.to_lowercase()),
                escape(title),
                escape(t.received_text),
                escape(t.change_button),
                refresh_button(t, base),
            ));
            return main;
        }
        View::Waiting => (t.waiting_title, t.waiting_text),
        View::Late => (t.late_title, t.late_text),
        View::Look => (t.look_title, t.look_text),
        View::Ended => (t.ended_title, t.ended_text),
        View::Notice { title, text, .. } => (title, text),
    };
    let mut main = heading(t, title, false);
    push_notice(&mut main, frame.notice);
    main.push_str(&format!("<p>{}</p>", escape(text)));
    if view.waits() {
        main.push_str(&format!("<div class=\"row\">{}</div>", refresh_button(t, base)));
    }
    if matches!(view, View::Notice { retry: true, .. }) && !base.is_empty() {
        main.push_str(&format!(
            "<div class=\"row\"><a class=\"btn2\" href=\"{base}\">{}</a></div>",
            escape(t.retry_button)
        ));
    }
    main
}

/// The ballot: the error above it (linked to the group), the intro, one radio button per
/// werkwijze named by its title and described by its text, *Stem* (or *Stem wijzigen* with
/// *Houd mijn stem* beside it). `novalidate`: an empty vote gets the page's own message
/// (from the server, or the script), never the browser's in the browser's language.
fn ballot_form(
    t: &PhoneText,
    base: &str,
    (round, second): (u32, bool),
    ballot: &Ballot,
    chosen: Option<&str>,
    error: Option<&str>,
) -> String {
    let mut out = String::new();
    if let Some(e) = error {
        out.push_str(&format!("<p class=\"err\" id=\"err\">{}</p>", escape(e)));
    }
    let intro = if second { t.second_round_intro } else { t.vote_intro };
    out.push_str(&format!("<p>{}</p>", escape(intro)));
    let described = if error.is_some() { " aria-describedby=\"err\"" } else { "" };
    out.push_str(&format!(
        "<form id=\"vote\" method=\"post\" action=\"{base}/vote\" novalidate>\
         <input type=\"hidden\" name=\"round\" value=\"{round}\">\
         <fieldset{described}><legend>{}</legend>",
        escape(&ballot.question)
    ));
    for (i, o) in ballot.options.iter().enumerate() {
        let n = i + 1;
        let checked = if chosen == Some(o.id.as_str()) { " checked" } else { "" };
        out.push_str(&format!(
            "<div class=\"opt\"><input type=\"radio\" name=\"option\" id=\"o{n}\" \
             value=\"{}\" required aria-labelledby=\"t{n}\" aria-describedby=\"d{n}\"\
             {checked}><label for=\"o{n}\"><span class=\"t\" id=\"t{n}\">\
             <span class=\"small\">{} {n}:</span> {}</span>\
             <span class=\"d\" id=\"d{n}\">{}</span></label></div>",
            escape(&o.id),
            escape(t.option_label),
            escape(&o.title),
            paragraphs(&o.text)
        ));
    }
    let button = if chosen.is_some() { t.change_button } else { t.vote_button };
    out.push_str(&format!(
        "</fieldset><div class=\"row\"><button class=\"btn\" type=\"submit\">{}</button>",
        escape(button)
    ));
    if chosen.is_some() {
        out.push_str(&format!("<a class=\"btn2\" href=\"{base}\">{}</a>", escape(t.keep_vote)));
    }
    out.push_str("</div></form>");
    out
}

/// Something to say above the page's own text, in a box screen readers announce.
fn push_notice(main: &mut String, notice: Option<&str>) {
    if let Some(n) = notice {
        main.push_str(&format!("<p class=\"err\" role=\"alert\">{}</p>", escape(n)));
    }
}

/// *Vernieuwen*: the page again, when the user wants it (nothing refreshes by itself). The
/// marker `r=1` tells the server the page was here before, so a browser that came back
/// without its cookie is told so instead of being taken for a new phone.
fn refresh_button(t: &PhoneText, base: &str) -> String {
    format!(
        "<form method=\"get\" action=\"{base}\"><input type=\"hidden\" name=\"r\" value=\"1\">\
         <button class=\"btn2\" type=\"submit\">{}</button></form>",
        escape(t.refresh_button)
    )
}

/// The size in bytes of the largest page a phone can be sent for this ballot: the re-vote
/// with a vote already chosen, an error and a notice shown, at the longest join address.
pub fn ballot_page_bytes(t: &PhoneText, ballot: &Ballot) -> usize {
    let base = "/j/ABCDEF";
    let address = "http://255.255.255.255:65535/j/ABCDEF";
    let view = View::Vote {
        round: u32::MAX,
        second: true,
        ballot,
        chosen: ballot.options.first().map(|o| o.id.as_str()),
        error: Some(t.choose_first),
    };
    let frame = Frame {
        base,
        tag: "18446744073709551615-18446744073709551615",
        address: Some(address),
        notice: Some(t.not_counted),
    };
    render(t, view, &frame).len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::phone::BallotOption;

    fn ballot() -> Ballot {
        Ballot {
            title: "Het <script>alert(1)</script> dilemma".into(),
            question: "Wat \"doe\" jij?".into(),
            options: vec![
                BallotOption {
                    id: "a".into(),
                    title: "Melden".into(),
                    text: "Eén.\n\nTwee.".into(),
                },
                BallotOption { id: "b\"><x".into(), title: "Wachten".into(), text: "Drie.".into() },
            ],
        }
    }

    fn frame<'a>() -> Frame<'a> {
        Frame {
            base: "/j/ABC234",
            tag: "1-0",
            address: Some("http://10.0.0.2:8080/j/ABC234"),
            notice: None,
        }
    }

    #[test]
    fn pack_text_is_escaped_everywhere() {
        let b = ballot();
        let view =
            View::Vote { round: 2, second: false, ballot: &b, chosen: Some("a"), error: None };
        let html = render(Lang::Nl.phone(), view, &frame());
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("value=\"b&quot;&gt;&lt;x\""));
        assert!(html.contains("<span class=\"p\">Eén.</span><span class=\"p\">Twee.</span>"));
        assert!(html.contains("id=\"o1\" value=\"a\" required"));
        assert!(html.contains("<legend>Wat &quot;doe&quot; jij?</legend>"));
        assert!(html.contains("lang=\"nl\""));
    }

    #[test]
    fn each_werkwijze_is_named_by_its_title_and_described_by_its_text() {
        let b = ballot();
        let view = View::Vote { round: 2, second: false, ballot: &b, chosen: None, error: None };
        let html = render(Lang::Nl.phone(), view, &frame());
        assert!(html.contains("aria-labelledby=\"t1\" aria-describedby=\"d1\""), "{html}");
        assert!(html.contains(
            "<span class=\"t\" id=\"t1\"><span class=\"small\">Werkwijze 1:</span> Melden</span>"
        ));
        assert!(html.contains("<span class=\"d\" id=\"d1\"><span class=\"p\">Eén."));
        assert!(html.contains(" novalidate>"), "the page's own message for an empty vote");
        assert!(!html.contains("Houd mijn stem"), "nothing to keep yet");
        // With a vote chosen: "houd mijn stem" goes back without changing it.
        let view = View::Vote {
            round: 2,
            second: true,
            ballot: &b,
            chosen: Some("a"),
            error: Some("Kies eerst een werkwijze."),
        };
        let html = render(Lang::Nl.phone(), view, &frame());
        assert!(html.contains("<a class=\"btn2\" href=\"/j/ABC234\">Houd mijn stem</a>"), "{html}");
        assert!(html.contains("<span class=\"tag\">Tweede ronde</span>"));
        assert!(html.contains("<fieldset aria-describedby=\"err\">"));
        assert!(html.contains(
            "id=\"o1\" value=\"a\" required aria-labelledby=\"t1\" aria-describedby=\"d1\" checked"
        ));
    }

    #[test]
    fn nothing_refreshes_by_itself_and_waiting_pages_offer_vernieuwen() {
        let t = Lang::Nl.phone();
        let b = ballot();
        let vote = View::Vote { round: 0, second: false, ballot: &b, chosen: None, error: None };
        let waiting = [
            View::Waiting,
            View::Look,
            View::Late,
            View::Received { second: false, choice: (1, "x") },
        ];
        for v in waiting {
            let html = render(t, v, &frame());
            assert!(html.contains(">Vernieuwen</button>"), "{v:?}");
            assert!(html.contains("name=\"r\" value=\"1\""));
            assert!(html.contains("data-poll=\"1\""));
        }
        for v in waiting.into_iter().chain([vote, View::Ended]) {
            let html = render(t, v, &frame());
            assert!(!html.contains("http-equiv"), "{v:?}");
            assert!(html.contains("http://10.0.0.2:8080/j/ABC234"), "the address on every page");
        }
        assert!(!render(t, View::Ended, &frame()).contains("Vernieuwen"));
        assert!(render(t, View::Ended, &frame()).contains("data-poll=\"0\""));
        let notice = View::Notice { title: "x", text: "y", retry: true };
        assert!(render(t, notice, &frame()).contains("href=\"/j/ABC234\">Opnieuw proberen</a>"));
        let late = Frame { notice: Some(t.not_counted), ..frame() };
        assert!(
            render(t, View::Look, &late).contains(&format!("role=\"alert\">{}", t.not_counted))
        );
    }

    #[test]
    fn the_size_function_measures_the_largest_page() {
        let t = Lang::Nl.phone();
        let b = ballot();
        let view = View::Vote { round: 0, second: false, ballot: &b, chosen: None, error: None };
        let plain = render(t, view, &frame()).len();
        assert!(ballot_page_bytes(t, &b) > plain);
        assert!(ballot_page_bytes(t, &b) < 20 * 1024, "a small ballot is a small page");
    }

    #[test]
    fn the_policy_names_the_hashes_of_the_inline_style_and_script() {
        let p = security_policy();
        assert!(p.contains(&sha256_source(SCRIPT)) && p.contains(&sha256_source(STYLE)));
        assert!(p.starts_with("default-src 'none'"));
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
    }
}
