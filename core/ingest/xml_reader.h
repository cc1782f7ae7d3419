// libxml2 plumbing for the XML readers (ingest/iptc_xml.h): parsing a
// document safely, finding elements by local name and namespace, and taking
// their text. Nothing here knows NITF or NewsML-G2.
//
// Promises:
//   - parse_document never loads DTDs or anything from the network, never
//     substitutes entities, keeps libxml2's default limits on depth, text
//     size and entity amplification (no XML_PARSE_HUGE), and prints nothing:
//     libxml2's errors become Diagnostics with libxml2's line numbers.
//   - Tree walks stop at kMaxDepth; TextCollector stops collecting at its
//     size limit and says so (truncated).
//   - Text comes out as UTF-8 with whitespace runs (also newlines and
//     no-break spaces) collapsed to one space and trimmed.
#pragma once

#include <libxml/tree.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/diagnostic.h"

namespace haber::ingest::xml {

using Node = xmlNode*;

// Deeper element nesting is not walked (libxml2 itself stops at 256 without
// XML_PARSE_HUGE).
inline constexpr int kMaxDepth = 512;

// libxml2 warnings and recoverable errors reported per document; the rest
// are counted in one "N more problems not shown" warning.
inline constexpr std::size_t kMaxXmlWarnings = 3;

// Diagnostics about one input file, which the readers report by line.
class Reporter {
public:
    Reporter(const std::string& display, const DiagnosticSink& sink) : display_(display), sink_(sink) {}
    void report(Diagnostic::Severity sev, std::size_t line, std::string msg) const {
        if (sink_) sink_({display_, line, std::move(msg), sev});
    }
    void warning(std::size_t line, std::string msg) const { report(Diagnostic::Warning, line, std::move(msg)); }
    void error(std::size_t line, std::string msg) const { report(Diagnostic::Error, line, std::move(msg)); }

private:
    const std::string& display_;
    const DiagnosticSink& sink_;
};

struct DocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

// Parses one whole document (any encoding libxml2 detects from a BOM or the
// XML declaration). A document that is larger than 2 GiB, not well-formed
// or without a root element gives nullptr after exactly one Error ("...,
// file skipped" / "..., skipped"); a well-formed one may first give up to
// kMaxXmlWarnings warnings "XML: ..." (and one "N more problems not shown").
DocPtr parse_document(std::string_view bytes, const Reporter& report);

// ---- Strings ---------------------------------------------------------------

inline const char* str(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

// Runs of whitespace (also newlines, no-break spaces) → one space; trimmed.
std::string clean(std::string_view s);

// A-Z → a-z; other bytes unchanged.
std::string ascii_lower(std::string_view s);

// ---- Tree access by local name and namespace (nullptr / empty: none) ------

const xmlChar* ns_of(const xmlNode* n);
bool same_ns(const xmlChar* a, const xmlChar* b);  // no namespace equals only no namespace
bool is_el(const xmlNode* n, const char* local, const xmlChar* ns);
Node child(Node n, const char* local, const xmlChar* ns);  // first matching child element
std::vector<Node> children(Node n, const char* local, const xmlChar* ns);
Node descendant(Node n, const char* local, const xmlChar* ns);  // first, depth first
// Matching descendants, not looking inside a match.
void descendants(Node n, const char* local, const xmlChar* ns, std::vector<Node>& out);
std::size_t line_of(const xmlNode* n);  // 0 if unknown
bool lang_is_turkish(Node n);           // xml:lang (inherited) is tr, tr-*, tr_*

// ---- Text ------------------------------------------------------------------

// Text of elements and attributes up to a size limit. Entity references are
// replaced by the literal text of internal entities and of a few HTML
// entities (&nbsp; &ndash; ...) that texts use without the DTD declaring
// them; other references are left out and counted (unresolved).
//
// Elements are read by HTML/NITF name: inline ones (b, span, person, ...)
// run into the text around them; paragraph ones (p, hl2, li, td, ...) are
// one paragraph each in paragraphs(); any other element is a block whose
// text is kept apart from what is around it (separated by spaces in
// text(), in paragraphs of its own in paragraphs()); script, style, head,
// note, media-* and the like are left out.
class TextCollector {
public:
    explicit TextCollector(std::size_t limit) : limit_(limit) {}

    // The text of an element's children; "" for nullptr.
    std::string text(Node n);

    // The value of the attribute `name` (no namespace); "" if there is none.
    std::string attr(Node n, const char* name);

    // Block structure: paragraphs in document order.
    struct Para {
        Node node;  // the paragraph element, or nullptr for loose text
        std::string text;
    };
    std::vector<Para> paragraphs(Node container);

    // Appends the text of `c` to `out` if it is a leaf (text, CDATA, entity
    // reference) and returns true; false for other nodes, or when `out` is
    // over the limit (then truncated is set).
    bool append_leaf(Node c, std::string& out);

    // Entity references whose text could not be used (first line, count).
    std::size_t unresolved = 0;
    std::size_t unresolved_line = 0;
    std::string unresolved_name;
    bool truncated = false;  // some text was over the limit and cut

private:
    void gather(Node n, std::string& out, int depth);
    void walk(Node n, std::vector<Para>& out, std::string& pending, int depth);

    std::size_t limit_;
};

}  // namespace haber::ingest::xml
