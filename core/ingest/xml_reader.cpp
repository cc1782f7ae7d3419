#include "ingest/xml_reader.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <array>
#include <climits>
#include <mutex>
#include <optional>
#include <utility>

namespace haber::ingest::xml {

namespace {

bool is_space_at(std::string_view s, std::size_t i, std::size_t& len) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        len = 1;
        return true;
    }
    if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {  // no-break space
        len = 2;
        return true;
    }
    return false;
}

// A few HTML entities that NITF and XHTML texts use without loading the DTD
// that declares them.
std::optional<std::string_view> html_entity(std::string_view name) {
    static const std::array<std::pair<std::string_view, std::string_view>, 14> table = {{
        {"nbsp", " "},
        {"ndash", "\xE2\x80\x93"},
        {"mdash", "\xE2\x80\x94"},
        {"hellip", "\xE2\x80\xA6"},
        {"laquo", "\xC2\xAB"},
        {"raquo", "\xC2\xBB"},
        {"lsquo", "\xE2\x80\x98"},
        {"rsquo", "\xE2\x80\x99"},
        {"ldquo", "\xE2\x80\x9C"},
        {"rdquo", "\xE2\x80\x9D"},
        {"bull", "\xE2\x80\xA2"},
        {"middot", "\xC2\xB7"},
        {"shy", ""},
        {"deg", "\xC2\xB0"},
    }};
    for (const auto& [n, v] : table)
        if (n == name) return v;
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// libxml2 errors, collected per parse instead of printed.

struct ErrorLog {
    xmlParserCtxtPtr ctxt = nullptr;
    bool have_fatal = false;
    std::size_t fatal_line = 0;
    std::string fatal_message;
    std::size_t first_error_line = 0;
    std::string first_error;
    std::vector<std::pair<std::size_t, std::string>> warnings;
    std::size_t more_warnings = 0;

    void add(const xmlError* e) {
        if (!e) return;
        // Entities left undeclared because the DTD is not loaded are handled
        // where their text is used.
        if (e->code == XML_WAR_UNDECLARED_ENTITY) return;
        std::string msg = clean(e->message ? e->message : "unknown error");
        std::size_t line = e->line > 0 ? static_cast<std::size_t>(e->line) : 0;
        if (line == 0 && ctxt && ctxt->input && ctxt->input->line > 0)
            line = static_cast<std::size_t>(ctxt->input->line);
        if (e->level == XML_ERR_FATAL) {
            if (!have_fatal) {
                have_fatal = true;
                fatal_line = line;
                fatal_message = std::move(msg);
            }
            return;
        }
        if (e->level == XML_ERR_ERROR && first_error.empty()) {
            first_error_line = line;
            first_error = msg;
        }
        if (warnings.size() < kMaxXmlWarnings) warnings.emplace_back(line, std::move(msg));
        else ++more_warnings;
    }
};

void on_parser_error(void* ctx, xmlErrorPtr e) {
    auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    if (ctxt && ctxt->_private) static_cast<ErrorLog*>(ctxt->_private)->add(e);
}

void on_thread_error(void* log, xmlErrorPtr e) {
    if (log) static_cast<ErrorLog*>(log)->add(e);
}

void on_generic_error(void*, const char*, ...) {}

// Routes this thread's libxml2 errors without a parser context (encoding
// conversion, I/O) to the log for the duration of one parse.
class ThreadErrorScope {
public:
    explicit ThreadErrorScope(ErrorLog* log)
        : old_structured_(xmlStructuredError),
          old_structured_ctx_(xmlStructuredErrorContext),
          old_generic_(xmlGenericError),
          old_generic_ctx_(xmlGenericErrorContext) {
        xmlSetStructuredErrorFunc(log, on_thread_error);
        xmlSetGenericErrorFunc(nullptr, on_generic_error);
    }
    ~ThreadErrorScope() {
        xmlSetStructuredErrorFunc(old_structured_ctx_, old_structured_);
        xmlSetGenericErrorFunc(old_generic_ctx_, old_generic_);
    }
    ThreadErrorScope(const ThreadErrorScope&) = delete;
    ThreadErrorScope& operator=(const ThreadErrorScope&) = delete;

private:
    xmlStructuredErrorFunc old_structured_;
    void* old_structured_ctx_;
    xmlGenericErrorFunc old_generic_;
    void* old_generic_ctx_;
};

void init_libxml2() {
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
}

enum class Kind { Inline, Paragraph, Break, Skip, Block };

Kind classify(const xmlChar* name) {
    static constexpr std::string_view paragraph[] = {
        "p",  "hl1", "hl2", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre",
        "figcaption", "caption", "td", "th", "media-caption", "tagline", "address"};
    static constexpr std::string_view skip[] = {
        "script", "style", "head", "noscript", "template", "iframe", "svg", "math", "note",
        "media-reference", "media-object", "media-metadata", "media-producer", "object", "meta"};
    static constexpr std::string_view inl[] = {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
        "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "ins",
        "del", "font", "person", "location", "city", "country", "region", "state", "sublocation",
        "org", "money", "num", "chron", "event", "function", "object.title", "virtloc",
        "classifier", "copyrite", "alt-code", "pronounce", "frac", "frac-num", "frac-den", "lang"};
    std::string_view n = str(name);
    if (n == "br") return Kind::Break;
    for (auto p : paragraph)
        if (p == n) return Kind::Paragraph;
    for (auto s : skip)
        if (s == n) return Kind::Skip;
    for (auto s : inl)
        if (s == n) return Kind::Inline;
    return Kind::Block;
}

Node descendant_at(Node n, const char* local, const xmlChar* ns, int depth) {
    if (!n || depth > kMaxDepth) return nullptr;
    for (Node c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is_el(c, local, ns)) return c;
        if (Node d = descendant_at(c, local, ns, depth + 1)) return d;
    }
    return nullptr;
}

void descendants_at(Node n, const char* local, const xmlChar* ns, std::vector<Node>& out, int depth) {
    if (!n || depth > kMaxDepth) return;
    for (Node c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is_el(c, local, ns)) out.push_back(c);
        else descendants_at(c, local, ns, out, depth + 1);
    }
}

void flush(std::vector<TextCollector::Para>& out, std::string& pending) {
    std::string t = clean(pending);
    pending.clear();
    if (!t.empty()) out.push_back({nullptr, std::move(t)});
}

}  // namespace

DocPtr parse_document(std::string_view bytes, const Reporter& report) {
    init_libxml2();
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
        report.error(0, "XML document larger than 2 GiB, skipped");
        return nullptr;
    }

    ErrorLog log;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        report.error(0, "cannot create an XML parser (out of memory), file skipped");
        return nullptr;
    }
    log.ctxt = ctxt;
    ctxt->_private = &log;
    ctxt->sax->serror = on_parser_error;  // per-parse: errors are collected, not printed
    DocPtr doc;
    {
        ThreadErrorScope scope(&log);
        // No network, no DTD loading, no entity substitution; libxml2's
        // default limits on depth, text size and entity amplification stay on
        // (no XML_PARSE_HUGE).
        const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                            XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;
        doc.reset(xmlCtxtReadMemory(ctxt, bytes.data(), static_cast<int>(bytes.size()), nullptr,
                                    nullptr, options));
    }
    bool well_formed = doc && ctxt->wellFormed;
    ctxt->_private = nullptr;
    xmlFreeParserCtxt(ctxt);

    if (!well_formed) {
        std::string msg = log.have_fatal ? log.fatal_message
                          : !log.first_error.empty() ? log.first_error
                                                     : std::string("document could not be parsed");
        std::size_t line = log.have_fatal ? log.fatal_line : log.first_error_line;
        report.error(line, "malformed XML: " + msg + ", file skipped");
        return nullptr;
    }
    for (const auto& [line, msg] : log.warnings) report.warning(line, "XML: " + msg);
    if (log.more_warnings > 0)
        report.warning(0, "XML: " + std::to_string(log.more_warnings) + " more problems not shown");

    if (!xmlDocGetRootElement(doc.get())) {
        report.error(0, "XML document has no root element, skipped");
        return nullptr;
    }
    return doc;
}

// ---------------------------------------------------------------------------
// Strings

// Runs of whitespace (also newlines, no-break spaces) → one space; trimmed.
std::string clean(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len;
        if (is_space_at(s, i, len)) {
            space = true;
            i += len;
            continue;
        }
        if (space && !out.empty()) out.push_back(' ');
        space = false;
        out.push_back(s[i++]);
    }
    return out;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// ---------------------------------------------------------------------------
// Tree access by local name and namespace

const xmlChar* ns_of(const xmlNode* n) { return n && n->ns && n->ns->href ? n->ns->href : nullptr; }

bool same_ns(const xmlChar* a, const xmlChar* b) {
    bool a_none = !a || !*a, b_none = !b || !*b;
    if (a_none || b_none) return a_none && b_none;
    return xmlStrEqual(a, b) != 0;
}

bool is_el(const xmlNode* n, const char* local, const xmlChar* ns) {
    return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST local) &&
           same_ns(ns_of(n), ns);
}

Node child(Node n, const char* local, const xmlChar* ns) {
    if (!n) return nullptr;
    for (Node c = n->children; c; c = c->next)
        if (is_el(c, local, ns)) return c;
    return nullptr;
}

std::vector<Node> children(Node n, const char* local, const xmlChar* ns) {
    std::vector<Node> out;
    if (!n) return out;
    for (Node c = n->children; c; c = c->next)
        if (is_el(c, local, ns)) out.push_back(c);
    return out;
}

Node descendant(Node n, const char* local, const xmlChar* ns) { return descendant_at(n, local, ns, 0); }

void descendants(Node n, const char* local, const xmlChar* ns, std::vector<Node>& out) {
    descendants_at(n, local, ns, out, 0);
}

std::size_t line_of(const xmlNode* n) {
    long l = n ? xmlGetLineNo(n) : -1;
    return l > 0 ? static_cast<std::size_t>(l) : 0;
}

bool lang_is_turkish(Node n) {
    xmlChar* lang = xmlNodeGetLang(n);
    if (!lang) return false;
    std::string l = ascii_lower(str(lang));
    xmlFree(lang);
    return l == "tr" || l.starts_with("tr-") || l.starts_with("tr_");
}

// ---------------------------------------------------------------------------
// Text

std::string TextCollector::text(Node n) {
    std::string out;
    gather(n, out, 0);
    return clean(out);
}

std::string TextCollector::attr(Node n, const char* name) {
    if (!n) return {};
    for (xmlAttr* a = n->properties; a; a = a->next) {
        if (a->ns || !xmlStrEqual(a->name, BAD_CAST name)) continue;
        std::string out;
        for (Node c = a->children; c; c = c->next) append_leaf(c, out);
        return clean(out);
    }
    return {};
}

std::vector<TextCollector::Para> TextCollector::paragraphs(Node container) {
    std::vector<Para> out;
    std::string pending;
    walk(container, out, pending, 0);
    flush(out, pending);
    return out;
}

bool TextCollector::append_leaf(Node c, std::string& out) {
    if (out.size() > limit_) {
        truncated = true;
        return false;
    }
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (c->content) out.append(str(c->content));
        return true;
    }
    if (c->type == XML_ENTITY_REF_NODE) {
        // Only internal entities' literal text: never external ones, never
        // expansions of expansions.
        xmlEntityPtr ent = xmlGetDocEntity(c->doc, c->name);
        if (ent && (ent->etype == XML_INTERNAL_GENERAL_ENTITY ||
                    ent->etype == XML_INTERNAL_PREDEFINED_ENTITY) && ent->content) {
            std::string_view v = str(ent->content);
            if (ent->etype == XML_INTERNAL_PREDEFINED_ENTITY ||
                v.find_first_of("<&") == std::string_view::npos) {
                out.append(v);
                return true;
            }
        } else if (!ent) {
            if (auto v = html_entity(str(c->name))) {
                out.append(*v);
                return true;
            }
        }
        if (unresolved++ == 0) {
            unresolved_line = line_of(c->parent);
            unresolved_name = str(c->name);
        }
        return true;
    }
    return false;
}

void TextCollector::gather(Node n, std::string& out, int depth) {
    if (!n || depth > kMaxDepth) return;
    for (Node c = n->children; c; c = c->next) {
        if (append_leaf(c, out)) continue;
        if (c->type != XML_ELEMENT_NODE) continue;
        switch (classify(c->name)) {
            case Kind::Skip: break;
            case Kind::Break: out.push_back(' '); break;
            case Kind::Inline: gather(c, out, depth + 1); break;
            case Kind::Paragraph:
            case Kind::Block:
                out.push_back(' ');
                gather(c, out, depth + 1);
                out.push_back(' ');
                break;
        }
    }
}

void TextCollector::walk(Node n, std::vector<Para>& out, std::string& pending, int depth) {
    if (!n || depth > kMaxDepth) return;
    for (Node c = n->children; c; c = c->next) {
        if (append_leaf(c, pending)) continue;
        if (c->type != XML_ELEMENT_NODE) continue;
        switch (classify(c->name)) {
            case Kind::Skip: break;
            case Kind::Break: pending.push_back(' '); break;
            case Kind::Inline: gather(c, pending, depth + 1); break;
            case Kind::Paragraph: {
                flush(out, pending);
                std::string t = text(c);
                if (!t.empty()) out.push_back({c, std::move(t)});
                break;
            }
            case Kind::Block:
                flush(out, pending);
                walk(c, out, pending, depth + 1);
                flush(out, pending);
                break;
        }
    }
}

}  // namespace haber::ingest::xml
