//! Styles, chosen for the terminal's background: a palette for light terminals (xterm's and
//! macOS Terminal's default), one for dark ones, and a neutral one that reads on both when the
//! background is unknown. Every text colour passes WCAG's 4.5:1 against its background (a
//! test computes it against xterm's default colours); secondary text is a grey chosen for the
//! background, never ANSI 7, which on a dark profile is as bright as body text. Without colour
//! (`NO_COLOR`) every distinction is still visible through symbols, bold and reverse video, so
//! nothing depends on colour alone.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

/// The terminal's background, as far as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Background {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
    /// Not known: the neutral palette, which reads on both.
    #[default]
    Unknown,
}

/// What `theme` in config.toml asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeSetting {
    /// Ask the terminal (OSC 11), then `COLORFGBG`; neutral when neither says.
    #[default]
    Auto,
    /// A light background.
    Licht,
    /// A dark background.
    Donker,
}

impl ThemeSetting {
    /// `auto`, `licht`/`light` or `donker`/`dark`; `None` for anything else.
    pub fn parse(text: &str) -> Option<ThemeSetting> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(ThemeSetting::Auto),
            "licht" | "light" => Some(ThemeSetting::Licht),
            "donker" | "dark" => Some(ThemeSetting::Donker),
            _ => None,
        }
    }
}

/// The trainer's styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colour may be used.
    pub color: bool,
    /// The background the colours are chosen for.
    pub background: Background,
}

impl Theme {
    /// No colour at all (`NO_COLOR`, and the tests' snapshots).
    pub const PLAIN: Theme = Theme { color: false, background: Background::Unknown };

    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org), for the
    /// background `setting` names or, with `auto`, the one the terminal reports.
    pub fn from_env(setting: ThemeSetting) -> Self {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        if !color {
            return Theme::PLAIN;
        }
        Theme { color, background: detect(setting) }
    }

    fn fg(self, light: Color, dark: Color, unknown: Color) -> Style {
        if !self.color {
            return Style::new();
        }
        Style::new().fg(match self.background {
            Background::Light => light,
            Background::Dark => dark,
            Background::Unknown => unknown,
        })
    }

    /// Screen and section titles.
    pub fn title(self) -> Style {
        self.fg(Color::Blue, Color::Cyan, Color::Reset).add_modifier(Modifier::BOLD)
    }

    /// The selected row: white on blue reads on every background; reverse without colour.
    pub fn selected(self) -> Style {
        if self.color {
            Style::new().bg(Color::Blue).fg(Color::White).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A line drawn as the selected row: every span in [`Theme::selected`], so a span's own
    /// colour (a grey label, a title colour) never stands on the selection's blue, where it
    /// would be unreadable on a light terminal.
    pub fn select<'a>(self, line: Line<'a>) -> Line<'a> {
        let style = self.selected();
        Line::from(
            line.spans.into_iter().map(|s| Span::styled(s.content, style)).collect::<Vec<_>>(),
        )
    }

    /// Secondary text: a grey chosen for the background (#585858 on light, #8a8a8a on
    /// dark, #767676 — the one grey that passes on both — when unknown).
    pub fn dim(self) -> Style {
        self.fg(Color::Indexed(240), Color::Indexed(245), Color::Indexed(243))
    }

    /// The person's own choice (also marked by ▶ and "◀ jij", so never by colour alone).
    pub fn own(self) -> Style {
        self.fg(Color::Indexed(94), Color::Yellow, Color::Reset).add_modifier(Modifier::BOLD)
    }

    /// Bars of a chart (graphics: 3:1 against the background).
    pub fn bar(self) -> Style {
        self.fg(Color::Blue, Color::Cyan, Color::Indexed(69))
    }

    /// Problems and warnings; reversed when the background is unknown, since no red reads
    /// on both white and black.
    pub fn warning(self) -> Style {
        let style = self
            .fg(Color::Indexed(124), Color::LightRed, Color::Reset)
            .add_modifier(Modifier::BOLD);
        if self.color && self.background == Background::Unknown {
            style.add_modifier(Modifier::REVERSED)
        } else {
            style
        }
    }

    /// The footer line: the terminal's own text colour, so the keys read on any background.
    pub fn footer(self) -> Style {
        Style::new()
    }

    /// Counts on a projector, in block digits (large text: 3:1).
    pub fn big(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

/// The background for `setting`: asked of the terminal only with `auto`, and only when
/// standard output is a terminal that is not `dumb`.
fn detect(setting: ThemeSetting) -> Background {
    match setting {
        ThemeSetting::Licht => Background::Light,
        ThemeSetting::Donker => Background::Dark,
        ThemeSetting::Auto => query().or_else(from_colorfgbg).unwrap_or_default(),
    }
}

/// Asks the terminal for its background (OSC 11). A terminal that does not answer costs at
/// most the timeout, before the first frame.
fn query() -> Option<Background> {
    use std::io::IsTerminal as _;
    if !std::io::stdout().is_terminal() || std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return None;
    }
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = std::time::Duration::from_millis(250);
    match terminal_colorsaurus::theme_mode(options).ok()? {
        terminal_colorsaurus::ThemeMode::Dark => Some(Background::Dark),
        terminal_colorsaurus::ThemeMode::Light => Some(Background::Light),
    }
}

/// `COLORFGBG` ("15;0": light text on colour 0), set by rxvt, Konsole and others.
fn from_colorfgbg() -> Option<Background> {
    background_of_colorfgbg(&std::env::var("COLORFGBG").ok()?)
}

/// The background a `COLORFGBG` value names: its last field is the background's ANSI
/// number (0–6 and 8 are dark, 7 and 9–15 light).
pub fn background_of_colorfgbg(value: &str) -> Option<Background> {
    let bg: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
    Some(match bg {
        0..=6 | 8 => Background::Dark,
        7 | 9..=15 => Background::Light,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// xterm's default colours for the 16 ANSI numbers.
    const XTERM: [(u8, u8, u8); 16] = [
        (0x00, 0x00, 0x00),
        (0xcd, 0x00, 0x00),
        (0x00, 0xcd, 0x00),
        (0xcd, 0xcd, 0x00),
        (0x00, 0x00, 0xee),
        (0xcd, 0x00, 0xcd),
        (0x00, 0xcd, 0xcd),
        (0xe5, 0xe5, 0xe5),
        (0x7f, 0x7f, 0x7f),
        (0xff, 0x00, 0x00),
        (0x00, 0xff, 0x00),
        (0xff, 0xff, 0x00),
        (0x5c, 0x5c, 0xff),
        (0xff, 0x00, 0xff),
        (0x00, 0xff, 0xff),
        (0xff, 0xff, 0xff),
    ];

    /// A profile: default text and background colours.
    #[derive(Debug, Clone, Copy)]
    struct Profile {
        name: &'static str,
        fg: (u8, u8, u8),
        bg: (u8, u8, u8),
    }

    /// xterm's default (black on white) and its reverse-video dark profile.
    const LIGHT: Profile = Profile { name: "xterm light", fg: (0, 0, 0), bg: (255, 255, 255) };
    const DARK: Profile = Profile { name: "xterm dark", fg: (255, 255, 255), bg: (0, 0, 0) };

    fn rgb(color: Option<Color>, default: (u8, u8, u8)) -> (u8, u8, u8) {
        let cube = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
        match color {
            None | Some(Color::Reset) => default,
            Some(Color::Black) => XTERM[0],
            Some(Color::Red) => XTERM[1],
            Some(Color::Green) => XTERM[2],
            Some(Color::Yellow) => XTERM[3],
            Some(Color::Blue) => XTERM[4],
            Some(Color::Magenta) => XTERM[5],
            Some(Color::Cyan) => XTERM[6],
            Some(Color::Gray) => XTERM[7],
            Some(Color::DarkGray) => XTERM[8],
            Some(Color::LightRed) => XTERM[9],
            Some(Color::LightGreen) => XTERM[10],
            Some(Color::LightYellow) => XTERM[11],
            Some(Color::LightBlue) => XTERM[12],
            Some(Color::LightMagenta) => XTERM[13],
            Some(Color::LightCyan) => XTERM[14],
            Some(Color::White) => XTERM[15],
            Some(Color::Indexed(n)) if n < 16 => XTERM[usize::from(n)],
            Some(Color::Indexed(n)) if n < 232 => {
                let i = n - 16;
                (cube(i / 36), cube(i / 6 % 6), cube(i % 6))
            }
            Some(Color::Indexed(n)) => {
                let g = 8 + 10 * (n - 232);
                (g, g, g)
            }
            Some(Color::Rgb(r, g, b)) => (r, g, b),
        }
    }

    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// The text and background colours a style shows in a profile.
    fn shown(style: Style, p: Profile) -> ((u8, u8, u8), (u8, u8, u8)) {
        let fg = rgb(style.fg, p.fg);
        let bg = rgb(style.bg, p.bg);
        if style.add_modifier.contains(Modifier::REVERSED) { (bg, fg) } else { (fg, bg) }
    }

    fn roles(t: Theme) -> Vec<(&'static str, Style, f64)> {
        vec![
            ("title", t.title(), 4.5),
            ("selected", t.selected(), 4.5),
            ("dim", t.dim(), 4.5),
            ("own", t.own(), 4.5),
            ("warning", t.warning(), 4.5),
            ("footer", t.footer(), 4.5),
            ("body", Style::new(), 4.5),
            ("bar", t.bar(), 3.0),
            ("big digits", t.big(), 3.0),
        ]
    }

    #[test]
    fn every_text_reads_on_the_background_it_is_chosen_for() {
        let cases = [
            (Background::Light, vec![LIGHT]),
            (Background::Dark, vec![DARK]),
            (Background::Unknown, vec![LIGHT, DARK]),
        ];
        for (background, profiles) in cases {
            let theme = Theme { color: true, background };
            for p in profiles {
                for (role, style, needed) in roles(theme) {
                    let (fg, bg) = shown(style, p);
                    let ratio = contrast(fg, bg);
                    assert!(
                        ratio >= needed,
                        "{background:?} palette, {role} in {}: {ratio:.2}:1 < {needed}:1",
                        p.name
                    );
                }
            }
        }
    }

    #[test]
    fn the_old_palette_would_fail_on_a_light_terminal() {
        // What issue 20 saw: grey footers and yellow counts on xterm's white.
        let grey = contrast(rgb(Some(Color::Gray), LIGHT.fg), LIGHT.bg);
        let yellow = contrast(rgb(Some(Color::Yellow), LIGHT.fg), LIGHT.bg);
        assert!(grey < 2.0 && yellow < 2.0, "{grey} {yellow}");
    }

    #[test]
    fn secondary_text_is_dimmer_than_body_text_on_a_dark_profile() {
        let theme = Theme { color: true, background: Background::Dark };
        let (dim, bg) = shown(theme.dim(), DARK);
        assert!(contrast(dim, bg) < contrast(DARK.fg, bg) / 2.0);
    }

    #[test]
    fn a_selected_row_keeps_no_colour_of_its_own() {
        // A grey label and a title-coloured word on the selected row take the selection's
        // colours: grey or blue on the selection's blue is unreadable on a light profile.
        for background in [Background::Light, Background::Dark] {
            let theme = Theme { color: true, background };
            let line = Line::from(vec![
                Span::styled("Pack", theme.dim()),
                Span::styled(": ", theme.title()),
                Span::raw("Werk en Inkomen"),
            ]);
            let selected = theme.select(line);
            assert_eq!(selected.spans.len(), 3);
            assert!(selected.spans.iter().all(|s| s.style == theme.selected()), "{selected:?}");
            assert_eq!(selected.spans[0].content, "Pack");
        }
    }

    #[test]
    fn without_colour_no_style_uses_colour() {
        let plain = Theme::PLAIN;
        for (_, style, _) in roles(plain) {
            assert_eq!(style.fg, None, "{style:?}");
            assert!(style.bg.is_none() || style.bg == Some(Color::Reset), "{style:?}");
        }
        // Selection and the own choice stay visible without colour.
        assert!(plain.selected().add_modifier.contains(Modifier::REVERSED));
        assert!(plain.own().add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn colorfgbg_and_the_setting_are_read() {
        assert_eq!(background_of_colorfgbg("15;0"), Some(Background::Dark));
        assert_eq!(background_of_colorfgbg("0;15"), Some(Background::Light));
        assert_eq!(background_of_colorfgbg("0;default;15"), Some(Background::Light));
        assert_eq!(background_of_colorfgbg("default"), None);
        assert_eq!(ThemeSetting::parse("Licht"), Some(ThemeSetting::Licht));
        assert_eq!(ThemeSetting::parse("dark"), Some(ThemeSetting::Donker));
        assert_eq!(ThemeSetting::parse("paars"), None);
        assert_eq!(detect(ThemeSetting::Licht), Background::Light);
        assert_eq!(detect(ThemeSetting::Donker), Background::Dark);
    }
}
