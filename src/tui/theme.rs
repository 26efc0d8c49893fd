//! Styles. Without colour (`NO_COLOR`) every distinction is still visible through
//! symbols, bold and reverse video, so nothing depends on colour alone.

use ratatui::style::{Color, Modifier, Style};

/// The trainer's styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether colour may be used.
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Self {
        Theme { color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) }
    }

    fn fg(self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    /// Screen and section titles.
    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The selected row.
    pub fn selected(self) -> Style {
        if self.color {
            Style::new().bg(Color::Blue).fg(Color::White).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// Less important text.
    pub fn dim(self) -> Style {
        self.fg(Color::Gray)
    }

    /// The person's own choice.
    pub fn own(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// Bars of a chart.
    pub fn bar(self) -> Style {
        self.fg(Color::Cyan)
    }

    /// Problems and warnings.
    pub fn warning(self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    /// Key names in the footer.
    pub fn key(self) -> Style {
        self.fg(Color::Black).bg(if self.color { Color::Gray } else { Color::Reset })
    }

    /// The footer line.
    pub fn footer(self) -> Style {
        if self.color { Style::new().fg(Color::Gray) } else { Style::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_no_style_uses_colour() {
        let plain = Theme { color: false };
        for style in [
            plain.title(),
            plain.selected(),
            plain.dim(),
            plain.own(),
            plain.bar(),
            plain.warning(),
            plain.footer(),
        ] {
            assert_eq!(style.fg, None, "{style:?}");
            assert!(style.bg.is_none() || style.bg == Some(Color::Reset), "{style:?}");
        }
        // Selection and the own choice stay visible without colour.
        assert!(plain.selected().add_modifier.contains(Modifier::REVERSED));
        assert!(plain.own().add_modifier.contains(Modifier::BOLD));
    }
}
