//! One line to render a report in a test: `x.md(lang)` for
//! `render(&x, Format::Markdown, lang)` and its kin (the crate has one entry point; the tests
//! read better with these).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use par_index::Lang;
use par_index::report::{Format, Report, render};

pub trait Rendered {
    fn md(&self, lang: Lang) -> String;
    fn text(&self, lang: Lang) -> String;
    fn csv(&self) -> String;
    fn html(&self, lang: Lang) -> String;
    fn xlsx(&self, lang: Lang) -> Vec<u8>;
}

impl<R: Report + ?Sized> Rendered for R {
    fn md(&self, lang: Lang) -> String {
        text(self, Format::Markdown, lang)
    }
    fn text(&self, lang: Lang) -> String {
        text(self, Format::Text, lang)
    }
    fn csv(&self) -> String {
        text(self, Format::Csv, Lang::Vi)
    }
    fn html(&self, lang: Lang) -> String {
        text(self, Format::Html, lang)
    }
    fn xlsx(&self, lang: Lang) -> Vec<u8> {
        render(self, Format::Xlsx, lang).unwrap().into_bytes()
    }
}

fn text<R: Report + ?Sized>(r: &R, format: Format, lang: Lang) -> String {
    render(r, format, lang)
        .unwrap()
        .into_text()
        .expect("a text format")
}
