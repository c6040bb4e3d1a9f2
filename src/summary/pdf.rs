//! The summary as a tagged PDF (PDF/UA-1): the same document model as the Markdown
//! ([`crate::summary::document`]), laid out on A4 (French) or US Letter (English) pages.
//!
//! # Design notes
//!
//! - **krilla** writes the PDF: it builds the structure tree (headings, lists, the
//!   table of answers, paragraphs), the XMP metadata with the PDF/UA identification,
//!   the document language, the outline, and it checks PDF/UA-1 itself when the
//!   document is finished (an export that would not conform fails instead of writing
//!   a bad file). Each line is shaped with rustybuzz (one parsed face per file; krilla's
//!   own `draw_text` parses the font for every call, twice as slow on a long case), so
//!   kerning and the text copied back are right.
//! - **Line breaking** is ours, greedy, on spaces: a word's width is the sum of its
//!   glyphs' advances read from the font with ttf-parser (already in the tree through
//!   rustybuzz). A word wider than the line (an ID, a URL) is broken between
//!   characters, never cut off. A layout crate (parley, cosmic-text) would bring
//!   font discovery, bidi and a second shaper for a summary in two Latin-script
//!   languages: far heavier for nothing the reader would see.
//! - **One font**, DejaVu Sans, regular and bold, embedded from `assets/fonts/` (its
//!   licence allows it; `assets/fonts/DejaVu-LICENSE.txt`) and subset by krilla. It
//!   covers Latin, Greek and Cyrillic; a character it lacks is shown as `�` (so no
//!   glyph is ever missing, which PDF/UA forbids).
//! - **Hostile text**: text from outside is shown as typed, with control and
//!   invisible characters (bidi overrides, zero-width) as `�`, the same rule as the
//!   Markdown ([`crate::summary::plain_safe`]); claim keys are redacted in the model.
//! - Running headers (the title) and page numbers are artifacts, out of the structure
//!   tree; the request to forward is one paragraph, copied whole.

use std::num::NonZeroU16;

use jiff::Timestamp;
use krilla::SerializeSettings;
use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, TableHeaderScope,
    Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph, TextDirection};

use crate::case::Case;
use crate::i18n::{I18n, Lang};
use crate::procedure::Procedure;
use crate::summary::document::{
    AnswerTable, Block, ChangeLine, Document, Line, Part, Span, SpanKind, build,
};
use crate::summary::plain_safe;

static REGULAR_Z: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf.z");
static BOLD_Z: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf.z");

/// The two faces, regular and bold, inflated at the first PDF and kept: they are
/// stored compressed (zlib, written by `scripts/subset-fonts.sh` beside the `.ttf`
/// files), which keeps 0.2 MB out of the binary for a millisecond once per run.
fn faces() -> Result<(&'static [u8], &'static [u8]), PdfError> {
    static FACES: std::sync::OnceLock<Result<[Vec<u8>; 2], String>> = std::sync::OnceLock::new();
    let inflate = |z: &[u8]| {
        let mut out = Vec::with_capacity(z.len() * 2);
        std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(z), &mut out)
            .map(|_| out)
            .map_err(|e| e.to_string())
    };
    match FACES.get_or_init(|| Ok([inflate(REGULAR_Z)?, inflate(BOLD_Z)?])) {
        Ok([regular, bold]) => Ok((regular, bold)),
        Err(e) => Err(PdfError(format!("the fonts: {e}"))),
    }
}

/// The page margin, in points (about 2 cm).
const MARGIN: f32 = 56.0;
/// The body text's size, in points.
const BODY: f32 = 10.0;
/// Line height as a multiple of the text size.
const LEADING: f32 = 1.38;
/// Indent of a list item's body, in points.
const INDENT: f32 = 18.0;

/// Why a PDF could not be written (a bug: the input is always valid).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfError(pub String);

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PdfError {}

/// Renders the summary of `case` in `lang`, generated at `generated`, as a tagged
/// PDF/UA-1 file.
pub fn render(
    procedure: &Procedure,
    case: &Case,
    lang: Lang,
    generated: Timestamp,
) -> Result<Vec<u8>, PdfError> {
    to_pdf(&build(procedure, case, lang, generated), generated)
}

/// The page size for a summary in `lang`, in points: A4 in French, US Letter in
/// English.
pub fn page_size(lang: Lang) -> (f32, f32) {
    match lang {
        Lang::Fr => (595.276, 841.89),
        Lang::En => (612.0, 792.0),
    }
}

/// The PDF of a summary's document model.
pub fn to_pdf(doc: &Document, generated: Timestamp) -> Result<Vec<u8>, PdfError> {
    let (regular_data, bold_data) = faces()?;
    let regular = Face::new(regular_data)?;
    let bold = Face::new(bold_data)?;
    let (width, height) = page_size(doc.lang);
    let mut layout = Layout {
        faces: [regular, bold],
        width,
        height,
        y: MARGIN,
        page: 0,
        items: Vec::new(),
        rules: Vec::new(),
        outline: Vec::new(),
    };
    let mut roots = Vec::with_capacity(3);
    for part in doc.parts.iter().chain(std::iter::once(&doc.technical)) {
        roots.push(layout.part(part));
    }
    let pages = layout.page + 1;

    let settings = SerializeSettings {
        configuration: ConfigurationBuilder::new()
            .with_accessibility_validator(Accessibility::UA1)
            .finish()
            .map_err(|e| PdfError(format!("{e:?}")))?,
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    let mut pdf = krilla::Document::new_with(settings);
    let fonts = [
        Font::new(regular_data.into(), 0).ok_or_else(|| PdfError("the font".into()))?,
        Font::new(bold_data.into(), 0).ok_or_else(|| PdfError("the bold font".into()))?,
    ];
    let shapers = [
        rustybuzz::Face::from_slice(regular_data, 0).ok_or_else(|| PdfError("the font".into()))?,
        rustybuzz::Face::from_slice(bold_data, 0)
            .ok_or_else(|| PdfError("the bold font".into()))?,
    ];
    let i18n = I18n::new(doc.lang);
    let mut ids: Vec<Option<Identifier>> = vec![None; layout.items.len()];
    let mut next_item = 0;
    let mut next_rule = 0;
    for page_index in 0..pages {
        let settings =
            PageSettings::from_wh(width, height).ok_or_else(|| PdfError("the page size".into()))?;
        let mut page = pdf.start_page_with(settings);
        let mut surface = page.surface();
        // The running header and the page number: artifacts, out of the structure.
        let header = plain_safe(&doc.title);
        artifact(&mut surface, ArtifactType::Header, |s| {
            s.set_fill(Some(grey()));
            s.draw_text(
                Point::from_xy(MARGIN, MARGIN - 22.0),
                fonts[0].clone(),
                8.0,
                &layout.faces[0].coverable(&header),
                false,
                TextDirection::LeftToRight,
            );
        });
        let number = i18n.trv(
            "summary.pdf.page",
            &[
                ("page", &(page_index + 1).to_string()),
                ("pages", &pages.to_string()),
            ],
        );
        artifact(&mut surface, ArtifactType::PageNumber, |s| {
            s.set_fill(Some(grey()));
            s.draw_text(
                Point::from_xy(MARGIN, height - MARGIN + 26.0),
                fonts[0].clone(),
                8.0,
                &number,
                false,
                TextDirection::LeftToRight,
            );
        });
        while next_rule < layout.rules.len() && layout.rules[next_rule].page == page_index {
            let r = &layout.rules[next_rule];
            let mut path = PathBuilder::new();
            path.move_to(r.x1, r.y1);
            path.line_to(r.x2, r.y2);
            if let Some(path) = path.finish() {
                artifact(&mut surface, ArtifactType::Layout, |s| {
                    s.set_fill(None);
                    s.set_stroke(Some(Stroke {
                        paint: rgb::Color::new(150, 150, 150).into(),
                        width: r.width,
                        ..Stroke::default()
                    }));
                    s.draw_path(&path);
                    s.set_stroke(None);
                });
            }
            next_rule += 1;
        }
        surface.set_fill(Some(Fill::default()));
        while next_item < layout.items.len() && layout.items[next_item].page == page_index {
            let item = &layout.items[next_item];
            let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
            let glyphs = shape(&shapers[item.face as usize], &item.text);
            surface.draw_glyphs(
                Point::from_xy(item.x, item.y),
                &glyphs,
                fonts[item.face as usize].clone(),
                &item.text,
                item.size,
                false,
            );
            surface.end_tagged();
            ids[next_item] = Some(id);
            next_item += 1;
        }
        surface.finish();
        page.finish();
    }

    let mut tree = TagTree::new().with_lang(Some(doc.lang.code().to_owned()));
    for root in roots {
        if let Some(node) = root.into_node(&mut ids) {
            tree.push(node);
        }
    }
    pdf.set_tag_tree(tree);
    let mut outline = Outline::new();
    for (text, page, y) in layout.outline {
        outline.push_child(OutlineNode::new(
            text,
            XyzDestination::new(page, Point::from_xy(MARGIN, y)),
        ));
    }
    pdf.set_outline(outline);
    let t = generated.to_zoned(jiff::tz::TimeZone::UTC);
    pdf.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .language(doc.lang.code().to_owned())
            .creator(concat!(env!("CARGO_PKG_NAME"), " ", env!("CARGO_PKG_VERSION")).to_owned())
            .creation_date(
                DateTime::new(u16::try_from(t.year()).unwrap_or(2000))
                    .month(t.month().unsigned_abs())
                    .day(t.day().unsigned_abs())
                    .hour(t.hour().unsigned_abs())
                    .minute(t.minute().unsigned_abs())
                    .second(t.second().unsigned_abs())
                    .utc_offset_hour(0)
                    .utc_offset_minute(0),
            ),
    );
    pdf.finish().map_err(|e| PdfError(format!("{e:?}")))
}

/// Shapes one line of left-to-right text with `face` (kerning, ligatures), each glyph
/// keeping the range of text it stands for, so the text copies back as it is.
fn shape(face: &rustybuzz::Face, text: &str) -> Vec<KrillaGlyph> {
    let units = f32::from(face.units_per_em() as u16);
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    let output = rustybuzz::shape(face, &[], buffer);
    let infos = output.glyph_infos();
    let positions = output.glyph_positions();
    let mut glyphs = Vec::with_capacity(infos.len());
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        let end = infos[i + 1..]
            .iter()
            .map(|next| next.cluster as usize)
            .find(|&c| c != start)
            .unwrap_or(text.len());
        glyphs.push(KrillaGlyph::new(
            GlyphId::new(info.glyph_id),
            pos.x_advance as f32 / units,
            pos.x_offset as f32 / units,
            pos.y_offset as f32 / units,
            pos.y_advance as f32 / units,
            start..end,
            None,
        ));
    }
    glyphs
}

/// Draws `draw` on `surface` marked as an artifact of `kind`.
fn artifact(surface: &mut Surface, kind: ArtifactType, draw: impl FnOnce(&mut Surface)) {
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(kind)));
    draw(surface);
    surface.end_tagged();
    surface.set_fill(Some(Fill::default()));
}

/// The grey of the running header and the page number (7:1 on white).
fn grey() -> Fill {
    Fill {
        paint: rgb::Color::new(80, 80, 80).into(),
        ..Fill::default()
    }
}

/// A font's metrics, to measure text.
struct Face {
    face: ttf_parser::Face<'static>,
    units: f32,
}

impl Face {
    fn new(data: &'static [u8]) -> Result<Face, PdfError> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|e| PdfError(e.to_string()))?;
        let units = f32::from(face.units_per_em());
        Ok(Face { face, units })
    }

    /// The width of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text
            .chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .map_or(self.units * 0.6, f32::from)
            })
            .sum();
        units * size / self.units
    }

    /// `text` with every character the font cannot show replaced by `�`.
    fn coverable(&self, text: &str) -> String {
        text.chars()
            .map(|c| {
                if c == ' ' || self.face.glyph_index(c).is_some() {
                    c
                } else {
                    '\u{FFFD}'
                }
            })
            .collect()
    }
}

/// Regular or bold.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Weight {
    Regular = 0,
    Bold = 1,
}

/// A run of text placed on a page, at its baseline.
struct Item {
    page: usize,
    x: f32,
    y: f32,
    size: f32,
    face: Weight,
    text: String,
}

/// A line drawn as an artifact (table rules, the separator, the request's bar).
struct Rule {
    page: usize,
    x1: f32,
    y1: f32,
    x2: f32,
    y2: f32,
    width: f32,
}

/// The structure tree as laid out: groups and the items (by index) they hold.
enum StructNode {
    Group(TagKind, Vec<StructNode>),
    Leaf(usize),
}

impl StructNode {
    fn group(tag: impl Into<TagKind>, children: Vec<StructNode>) -> StructNode {
        StructNode::Group(tag.into(), children)
    }

    /// The krilla node, with the identifiers of the drawn items; `None` for an empty
    /// group.
    fn into_node(self, ids: &mut [Option<Identifier>]) -> Option<Node> {
        match self {
            StructNode::Leaf(i) => ids.get_mut(i).and_then(Option::take).map(Node::from),
            StructNode::Group(tag, children) => {
                let children: Vec<Node> = children
                    .into_iter()
                    .filter_map(|c| c.into_node(ids))
                    .collect();
                (!children.is_empty()).then(|| TagGroup::with_children(tag, children).into())
            }
        }
    }
}

/// One laid-out line: its pieces, each with its weight, text and x offset.
type LaidLine = Vec<(Weight, String, f32)>;

/// The layout of the pages: where the next line goes, and everything placed so far.
struct Layout {
    faces: [Face; 2],
    width: f32,
    height: f32,
    /// The top of the next line on the current page.
    y: f32,
    page: usize,
    items: Vec<Item>,
    rules: Vec<Rule>,
    outline: Vec<(String, usize, f32)>,
}

impl Layout {
    fn text_width(&self) -> f32 {
        self.width - 2.0 * MARGIN
    }

    /// Starts a new page when `height` more points do not fit on this one.
    fn ensure(&mut self, height: f32) {
        if self.y + height > self.height - MARGIN && self.y > MARGIN {
            self.page += 1;
            self.y = MARGIN;
        }
    }

    fn part(&mut self, part: &Part) -> StructNode {
        let mut children = Vec::with_capacity(part.blocks.len());
        for block in &part.blocks {
            if let Some(node) = self.block(block) {
                children.push(node);
            }
        }
        StructNode::group(
            Tag::Section.with_lang(Some(part.lang.code().to_owned())),
            children,
        )
    }

    /// A list of items, numbered or not, each a run of spans.
    fn list<'s>(
        &mut self,
        ordered: bool,
        items: impl Iterator<Item = &'s [Span]>,
        w: f32,
    ) -> StructNode {
        let x = MARGIN;
        let numbering = if ordered {
            ListNumbering::Decimal
        } else {
            ListNumbering::Disc
        };
        let mut children = Vec::new();
        for (n, item) in items.enumerate() {
            let label = if ordered {
                format!("{}.", n + 1)
            } else {
                "•".to_owned()
            };
            let body = self.wrap(&runs(item), BODY, w - INDENT);
            self.ensure(BODY * LEADING);
            let top = self.y;
            let lbl = self.place(vec![vec![(Weight::Regular, label, 0.0)]], x, BODY);
            self.y = top;
            let body = self.place(body, x + INDENT, BODY);
            self.y += 2.0;
            children.push(StructNode::group(
                Tag::LI,
                vec![
                    StructNode::group(Tag::Lbl, lbl),
                    StructNode::group(Tag::LBody, body),
                ],
            ));
        }
        self.y += 4.0;
        StructNode::group(Tag::L(numbering), children)
    }

    fn block(&mut self, block: &Block) -> Option<StructNode> {
        let x = MARGIN;
        let w = self.text_width();
        match block {
            Block::Heading { level, text } => {
                let size = match level {
                    1 => 17.0,
                    2 => 13.5,
                    3 => 11.5,
                    _ => 10.5,
                };
                self.y += if *level <= 2 { 12.0 } else { 8.0 };
                let lines = self.wrap(&[(Weight::Bold, text.clone())], size, w);
                // Keep a heading with the two lines after it.
                self.ensure(size * LEADING * lines.len() as f32 + 2.0 * BODY * LEADING);
                self.outline.push((text.clone(), self.page, self.y));
                let leaves = self.place(lines, x, size);
                self.y += 4.0;
                let level = NonZeroU16::new(u16::from(*level).clamp(1, 6))?;
                Some(StructNode::group(
                    Tag::Hn(level, Some(text.clone())),
                    leaves,
                ))
            }
            Block::Paragraph(spans) => {
                let lines = self.wrap(&runs(spans), BODY, w);
                let leaves = self.place(lines, x, BODY);
                self.y += 6.0;
                Some(StructNode::group(Tag::P, leaves))
            }
            Block::Lines(lines) => {
                let items = lines.iter().map(|l| self.labelled(l, x, w)).collect();
                self.y += 6.0;
                Some(StructNode::group(Tag::L(ListNumbering::None), items))
            }
            Block::List { ordered, items } => {
                Some(self.list(*ordered, items.iter().map(Vec::as_slice), w))
            }
            Block::Changes(lines) => {
                let spans: Vec<Vec<Span>> = lines.iter().map(ChangeLine::spans).collect();
                Some(self.list(false, spans.iter().map(Vec::as_slice), w))
            }
            Block::Answers(table) => Some(self.table(table, x, w)),
            Block::Request(text) => {
                let mut lines = Vec::new();
                // Line and paragraph separators break lines, as in the Markdown.
                for line in crate::summary::markdown::literal(text, false).lines() {
                    let safe = plain_safe(line);
                    lines.extend(self.wrap(&[(Weight::Regular, safe)], BODY, w - 14.0));
                }
                let top_page = self.page;
                let top = self.y;
                let leaves = self.place(lines, x + 12.0, BODY);
                // A bar on the left marks the block to copy (on its first page).
                let bottom = if self.page == top_page {
                    self.y
                } else {
                    self.height - MARGIN
                };
                self.rules.push(Rule {
                    page: top_page,
                    x1: x + 3.0,
                    y1: top,
                    x2: x + 3.0,
                    y2: bottom,
                    width: 2.5,
                });
                self.y += 8.0;
                Some(StructNode::group(Tag::P, leaves))
            }
            Block::Literal(text) => {
                let mut lines = Vec::new();
                // Line and paragraph separators break lines, as in the Markdown.
                for line in crate::summary::markdown::literal(text, false).lines() {
                    let safe = plain_safe(line);
                    lines.extend(self.wrap(&[(Weight::Regular, safe)], BODY, w));
                }
                let leaves = self.place(lines, x, BODY);
                self.y += 6.0;
                Some(StructNode::group(Tag::P, leaves))
            }
            Block::Separator => {
                self.ensure(20.0);
                self.y += 8.0;
                self.rules.push(Rule {
                    page: self.page,
                    x1: x,
                    y1: self.y,
                    x2: x + w,
                    y2: self.y,
                    width: 0.75,
                });
                self.y += 10.0;
                None
            }
        }
    }

    /// One labelled line as a list item: the label in bold, then the value.
    fn labelled(&mut self, line: &Line, x: f32, w: f32) -> StructNode {
        let mut all = vec![(Weight::Bold, format!("{} ", line.label))];
        all.extend(runs(&line.value));
        let lines = self.wrap(&all, BODY, w);
        let body = self.place(lines, x, BODY);
        self.y += 1.0;
        StructNode::group(Tag::LI, vec![StructNode::group(Tag::LBody, body)])
    }

    /// The table of answers, with a header row; rows are not split across pages.
    fn table(&mut self, table: &AnswerTable, x: f32, w: f32) -> StructNode {
        const COLUMNS: [f32; 4] = [0.06, 0.48, 0.24, 0.22];
        let pad = 4.0;
        let columns: Vec<(f32, f32)> = COLUMNS
            .iter()
            .scan(x, |left, share| {
                let cell = (*left, share * w);
                *left += share * w;
                Some(cell)
            })
            .collect();
        let header: Vec<Vec<(Weight, String)>> = table
            .header
            .iter()
            .map(|h| vec![(Weight::Bold, h.clone())])
            .collect();
        let head = self.row(&header, &columns, pad, true);
        let mut rows = Vec::with_capacity(table.rows.len());
        for (n, row) in table.rows.iter().enumerate() {
            let cells = vec![
                vec![(Weight::Regular, (n + 1).to_string())],
                vec![(Weight::Regular, row.question.clone())],
                vec![(Weight::Bold, row.answer.clone())],
                vec![(Weight::Regular, row.source.clone())],
            ];
            rows.push(self.row(&cells, &columns, pad, false));
        }
        self.y += 8.0;
        StructNode::group(
            Tag::Table,
            vec![
                StructNode::group(Tag::THead, vec![head]),
                StructNode::group(Tag::TBody, rows),
            ],
        )
    }

    /// One row of the table, its cells side by side, and a rule under it.
    fn row(
        &mut self,
        cells: &[Vec<(Weight, String)>],
        columns: &[(f32, f32)],
        pad: f32,
        header: bool,
    ) -> StructNode {
        let wrapped: Vec<Vec<LaidLine>> = cells
            .iter()
            .zip(columns)
            .map(|(cell, (_, cw))| self.wrap(cell, BODY, cw - 2.0 * pad))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        self.ensure(lines as f32 * BODY * LEADING + 2.0 * pad);
        let top = self.y + pad;
        let mut bottom = top;
        let mut nodes = Vec::with_capacity(cells.len());
        for (lines, (cx, _)) in wrapped.into_iter().zip(columns) {
            self.y = top;
            let leaves = self.place(lines, cx + pad, BODY);
            bottom = bottom.max(self.y);
            nodes.push(if header {
                StructNode::group(Tag::TH(TableHeaderScope::Column), leaves)
            } else {
                StructNode::group(Tag::TD, leaves)
            });
        }
        self.y = bottom + pad;
        let (first, _) = columns.first().copied().unwrap_or((MARGIN, 0.0));
        let (last, lw) = columns.last().copied().unwrap_or((MARGIN, 0.0));
        self.rules.push(Rule {
            page: self.page,
            x1: first,
            y1: self.y,
            x2: last + lw,
            y2: self.y,
            width: if header { 1.0 } else { 0.4 },
        });
        StructNode::group(Tag::TR, nodes)
    }

    /// Breaks runs of text into lines at most `width` wide at `size`: greedily, at
    /// spaces; a word wider than a line is broken between characters, never cut. A
    /// line break in the text starts a new line. Every line keeps its trailing space,
    /// so the text copies back with its word breaks.
    fn wrap(&self, runs: &[(Weight, String)], size: f32, width: f32) -> Vec<LaidLine> {
        let mut lines: Vec<LaidLine> = Vec::new();
        let mut line: LaidLine = Vec::new();
        let mut x = 0.0_f32;
        for (weight, text) in runs {
            let face = &self.faces[*weight as usize];
            let text = face.coverable(text);
            for (n, segment) in text.split('\n').enumerate() {
                if n > 0 {
                    lines.push(std::mem::take(&mut line));
                    x = 0.0;
                }
                for word in segment.split_inclusive(' ') {
                    let w = face.width(word.trim_end_matches(' '), size);
                    if x + w > width && x > 0.0 {
                        lines.push(std::mem::take(&mut line));
                        x = 0.0;
                    }
                    if w > width {
                        // Too long for any line: break it between characters.
                        let mut piece = String::new();
                        let mut pw = 0.0;
                        for c in word.chars() {
                            let cw = face.width(c.encode_utf8(&mut [0; 4]), size);
                            if pw + cw > width - x && !piece.is_empty() {
                                push_piece(&mut line, *weight, &piece, x);
                                lines.push(std::mem::take(&mut line));
                                x = 0.0;
                                piece.clear();
                                pw = 0.0;
                            }
                            piece.push(c);
                            pw += cw;
                        }
                        push_piece(&mut line, *weight, &piece, x);
                        x += face.width(&piece, size);
                        continue;
                    }
                    push_piece(&mut line, *weight, word, x);
                    x += face.width(word, size);
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Places wrapped lines from the current position, starting a new page where one
    /// is full; returns the leaves of the structure tree, in reading order.
    fn place(&mut self, lines: Vec<LaidLine>, x: f32, size: f32) -> Vec<StructNode> {
        let height = size * LEADING;
        let mut leaves = Vec::new();
        for line in lines {
            self.ensure(height);
            let baseline = self.y + size;
            for (weight, text, dx) in line {
                if text.is_empty() {
                    continue;
                }
                leaves.push(StructNode::Leaf(self.items.len()));
                self.items.push(Item {
                    page: self.page,
                    x: x + dx,
                    y: baseline,
                    size,
                    face: weight,
                    text,
                });
            }
            self.y += height;
        }
        leaves
    }
}

/// Appends `text` to the line, to its last piece when of the same weight.
fn push_piece(line: &mut LaidLine, weight: Weight, text: &str, x: f32) {
    match line.last_mut() {
        Some((w, t, _)) if *w == weight => t.push_str(text),
        _ => line.push((weight, text.to_owned(), x)),
    }
}

/// The spans of the model as runs of text: text from outside made safe, bold where
/// strong.
fn runs(spans: &[Span]) -> Vec<(Weight, String)> {
    spans
        .iter()
        .map(|s| {
            let weight = if s.strong {
                Weight::Bold
            } else {
                Weight::Regular
            };
            let text = match s.kind {
                SpanKind::User => plain_safe(&s.text),
                SpanKind::Text | SpanKind::Code | SpanKind::Link => s.text.to_string(),
            };
            (weight, text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::document::Part;

    fn doc(lang: Lang, blocks: Vec<Block>) -> Document {
        Document {
            title: "A title".into(),
            lang,
            parts: vec![Part { lang, blocks }],
            technical: Part {
                lang,
                blocks: vec![Block::Paragraph(vec![Span::text("v1")])],
            },
        }
    }

    #[test]
    fn hostile_and_uncovered_text_still_passes_the_pdf_ua_1_check() {
        // Characters the font lacks (CJK), bidi overrides, controls, a very long word.
        let hostile = "名前 \u{202E}evil\u{202C} a\u{7}b \u{200B}".to_owned() + &"x".repeat(400);
        let d = doc(
            Lang::Fr,
            vec![
                Block::Heading {
                    level: 1,
                    text: "Titre".into(),
                },
                Block::Paragraph(vec![Span::user(hostile.clone())]),
                Block::Request(hostile.clone()),
                Block::Literal(format!("{hostile}\nline two")),
            ],
        );
        let pdf = to_pdf(&d, Timestamp::UNIX_EPOCH).expect("a PDF/UA-1 file");
        assert!(pdf.starts_with(b"%PDF-1.7"));
    }

    #[test]
    fn the_compressed_faces_are_the_subset_faces_of_the_repository() {
        let (regular, bold) = faces().expect("fonts");
        assert_eq!(regular, include_bytes!("../../assets/fonts/DejaVuSans.ttf"));
        assert_eq!(
            bold,
            include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf")
        );
    }

    #[test]
    fn long_words_are_broken_between_characters_never_cut() {
        let layout = Layout {
            faces: [
                Face::new(faces().expect("fonts").0).expect("font"),
                Face::new(faces().expect("fonts").1).expect("font"),
            ],
            width: 612.0,
            height: 792.0,
            y: MARGIN,
            page: 0,
            items: Vec::new(),
            rules: Vec::new(),
            outline: Vec::new(),
        };
        let word = "https://example.com/".to_owned() + &"abcdefghij".repeat(30);
        let lines = layout.wrap(&[(Weight::Regular, format!("see {word} end"))], BODY, 200.0);
        assert!(lines.len() > 3, "{lines:?}");
        let joined: String = lines
            .iter()
            .flat_map(|l| l.iter().map(|(_, t, _)| t.as_str()))
            .collect();
        assert_eq!(joined, format!("see {word} end"));
        for line in &lines {
            let text: String = line.iter().map(|(_, t, _)| t.as_str()).collect();
            assert!(
                layout.faces[0].width(text.trim_end(), BODY) <= 200.0,
                "{text}"
            );
        }
    }
}
