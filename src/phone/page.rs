//! The one page a phone sees, in every state: one self-contained HTML document with its CSS
//! and script inline (nothing loaded from anywhere, no fonts, no images), well under 50 KB.
//! Without JavaScript it is a plain form that posts and pages that refresh themselves; with
//! JavaScript the vote is sent in the background and the page follows the session by
//! asking for a short state tag every two seconds. Every text from a pack is escaped.
//!
//! Accessibility (WCAG 2.1 AA): dark text on white (contrast above 7:1), targets of at least
//! 44 px, a real `<fieldset>` with the question as its `<legend>` and a `<label>` for every
//! werkwijze, a status region that screen readers announce, the heading focused when the
//! page changes state, and sizes in `rem` so 200 % zoom reflows instead of cutting.

use sha2::{Digest, Sha256};

use super::Ballot;
use crate::i18n::PhoneText;

/// What one phone is shown.
#[derive(Debug, Clone, Copy)]
pub enum View<'a> {
    /// Connected; no vote open.
    Waiting,
    /// The ballot of an open round; `chosen` is this phone's vote so far (checked).
    Vote {
        /// The round's key, sent back with the vote.
        round: u32,
        /// Title, question, werkwijzen.
        ballot: &'a Ballot,
        /// This phone's current vote, if any.
        chosen: Option<&'a str>,
        /// A refusal to say above the form.
        error: Option<&'a str>,
    },
    /// The vote was received; it can be changed until the reveal.
    Received {
        /// The werkwijze chosen: its number and title.
        choice: (usize, &'a str),
    },
    /// The round began before this phone joined.
    Late,
    /// The distribution is on the shared screen.
    Look,
    /// The session is over.
    Ended,
    /// A page that says no: too many phones, too many requests, unknown session, no cookie.
    Notice {
        /// Heading.
        title: &'a str,
        /// Explanation.
        text: &'a str,
    },
}

impl View<'_> {
    /// Whether the page refreshes itself without JavaScript: every state that waits for
    /// the session, never a form being filled in.
    fn refreshes(&self) -> bool {
        matches!(self, View::Waiting | View::Received { .. } | View::Late | View::Look)
    }
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
.d p{margin:.25rem 0 0}
.btn{display:inline-block;min-height:3rem;min-width:44px;padding:.75rem 1.5rem;font:inherit;font-weight:700;line-height:1.5;color:#fff;background:#0b4f8a;border:2px solid #0b4f8a;border-radius:.5rem;text-decoration:none;cursor:pointer}
.btn:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
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
document.getElementById('main').innerHTML=m.innerHTML;b.setAttribute('data-v',d.body.getAttribute('data-v'));
var h=document.getElementById('h');if(h)h.focus();}
function load(){return fetch(base,{credentials:'same-origin',cache:'no-store'}).then(function(r){return r.text();}).then(swap);}
function poll(){fetch(base+'/state',{credentials:'same-origin',cache:'no-store'}).then(function(r){return r.ok?r.json():null;})
.then(function(j){if(j&&j.v!==b.getAttribute('data-v'))return load();}).catch(function(){})
.then(function(){setTimeout(poll,2000);});}
document.addEventListener('submit',function(e){var f=e.target;if(f.id!=='vote')return;e.preventDefault();
var o=f.querySelector('input[name=option]:checked');if(!o){say(b.getAttribute('data-choose'));return;}
say(b.getAttribute('data-sending'));
fetch(base+'/vote',{method:'POST',credentials:'same-origin',headers:{'Content-Type':'application/json'},
body:JSON.stringify({round:+f.elements.round.value,option:o.value})})
.then(function(r){return r.json().then(function(j){return {ok:r.ok,j:j};});})
.then(function(x){if(!x.ok){say(x.j.message||b.getAttribute('data-offline'));return;}return load();})
.catch(function(){say(b.getAttribute('data-offline'));});});
setTimeout(poll,2000);
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

/// Text with blank lines as paragraphs, escaped.
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p)))
        .collect()
}

/// The whole page for `view`. `base` is `/j/CODE`; `tag` is the state tag the script
/// compares with the server's to know when to follow.
pub fn render(t: &PhoneText, view: View, base: &str, tag: &str) -> String {
    let mut main = String::new();
    let heading = |title: &str| format!("<h1 id=\"h\" tabindex=\"-1\">{}</h1>", escape(title));
    match view {
        View::Waiting => {
            main.push_str(&heading(t.waiting_title));
            main.push_str(&format!("<p>{}</p>", escape(t.waiting_text)));
        }
        View::Vote { round, ballot, chosen, error } => {
            main.push_str(&heading(&ballot.title));
            if let Some(e) = error {
                main.push_str(&format!("<p class=\"err\">{}</p>", escape(e)));
            }
            main.push_str(&format!("<p>{}</p>", escape(t.vote_intro)));
            main.push_str(&format!(
                "<form id=\"vote\" method=\"post\" action=\"{}/vote\">\
                 <input type=\"hidden\" name=\"round\" value=\"{round}\">\
                 <fieldset><legend>{}</legend>",
                escape(base),
                escape(&ballot.question)
            ));
            for (i, o) in ballot.options.iter().enumerate() {
                let n = i + 1;
                let checked = if chosen == Some(o.id.as_str()) { " checked" } else { "" };
                main.push_str(&format!(
                    "<div class=\"opt\"><input type=\"radio\" name=\"option\" id=\"o{n}\" \
                     value=\"{}\" required{checked}><label for=\"o{n}\"><span class=\"t\">\
                     <span class=\"small\">{} {n}:</span> {}</span><span class=\"d\">{}</span>\
                     </label></div>",
                    escape(&o.id),
                    escape(t.option_label),
                    escape(&o.title),
                    paragraphs(&o.text)
                ));
            }
            let button = if chosen.is_some() { t.change_button } else { t.vote_button };
            main.push_str(&format!(
                "</fieldset><button class=\"btn\" type=\"submit\">{}</button></form>",
                escape(button)
            ));
        }
        View::Received { choice: (n, title) } => {
            main.push_str(&heading(t.received_title));
            main.push_str(&format!(
                "<p class=\"note\">{}: {} {n}, {}</p><p>{}</p>\
                 <p><a class=\"btn\" href=\"{}?change=1\">{}</a></p>",
                escape(t.your_choice),
                escape(&t.option_label.to_lowercase()),
                escape(title),
                escape(t.received_text),
                escape(base),
                escape(t.change_button)
            ));
        }
        View::Late => {
            main.push_str(&heading(t.late_title));
            main.push_str(&format!("<p>{}</p>", escape(t.late_text)));
        }
        View::Look => {
            main.push_str(&heading(t.look_title));
            main.push_str(&format!("<p>{}</p>", escape(t.look_text)));
        }
        View::Ended => {
            main.push_str(&heading(t.ended_title));
            main.push_str(&format!("<p>{}</p>", escape(t.ended_text)));
        }
        View::Notice { title, text } => {
            main.push_str(&heading(title));
            main.push_str(&format!("<p>{}</p>", escape(text)));
        }
    }
    main.push_str("<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>");
    let refresh = if view.refreshes() {
        "<noscript><meta http-equiv=\"refresh\" content=\"4\"></noscript>"
    } else {
        ""
    };
    let noscript_note = if view.refreshes() {
        format!("<noscript><p class=\"small\">{}</p></noscript>", escape(t.refreshes))
    } else {
        String::new()
    };
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <title>{title}</title>{refresh}<style>{STYLE}</style></head>\
         <body data-v=\"{tag}\" data-base=\"{base}\" data-choose=\"{choose}\" \
         data-sending=\"{sending}\" data-offline=\"{offline}\">\
         <main id=\"main\">{main}{noscript_note}</main>\
         <footer><p class=\"small\">{privacy}</p></footer>\
         <script>{SCRIPT}</script></body></html>",
        lang = t.html_lang,
        title = escape(t.page_title),
        tag = escape(tag),
        base = escape(base),
        choose = escape(t.choose_first),
        sending = escape(t.sending),
        offline = escape(t.offline),
        privacy = escape(t.privacy),
    )
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

    #[test]
    fn pack_text_is_escaped_everywhere() {
        let b = ballot();
        let html = render(
            Lang::Nl.phone(),
            View::Vote { round: 2, ballot: &b, chosen: Some("a"), error: None },
            "/j/ABC234",
            "1-0",
        );
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("value=\"b&quot;&gt;&lt;x\""));
        assert!(html.contains("<p>Eén.</p><p>Twee.</p>"));
        assert!(html.contains("id=\"o1\" value=\"a\" required checked"));
        assert!(html.contains("<legend>Wat &quot;doe&quot; jij?</legend>"));
        assert!(html.contains("lang=\"nl\""));
    }

    #[test]
    fn only_waiting_pages_refresh_without_javascript() {
        let t = Lang::En.phone();
        let b = ballot();
        let vote = View::Vote { round: 0, ballot: &b, chosen: None, error: None };
        assert!(!render(t, vote, "/j/X", "t").contains("http-equiv=\"refresh\""));
        for v in [View::Waiting, View::Look, View::Late, View::Received { choice: (1, "x") }] {
            assert!(render(t, v, "/j/X", "t").contains("http-equiv=\"refresh\""));
        }
        assert!(!render(t, View::Ended, "/j/X", "t").contains("http-equiv=\"refresh\""));
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
