#include "ingest/iptc_xml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <array>
#include <climits>
#include <cstring>
#include <mutex>
#include <optional>
#include <utility>

#include "dates.h"
#include "index/schema.h"
#include "ingest/plain_text.h"

namespace haber::ingest {

namespace {

using Node = xmlNode*;

const xmlChar* const kG2Ns = BAD_CAST "http://iptc.org/std/nar/2006-10-01/";
constexpr int kMaxDepth = 512;              // libxml2 itself stops at 256 without XML_PARSE_HUGE
constexpr std::size_t kMaxXmlWarnings = 3;  // libxml2 warnings reported per document

// ---------------------------------------------------------------------------
// Strings

const char* str(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

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

// "drol:summary" → "summary"; "summary" → "summary".
std::string_view qcode_code(std::string_view q) {
    auto colon = q.find(':');
    return colon == std::string_view::npos ? q : q.substr(colon + 1);
}

void join(std::string& out, std::string_view part, std::string_view sep) {
    if (part.empty()) return;
    if (!out.empty()) out.append(sep);
    out.append(part);
}

// Byline text without "By", "Yazan:", leading and trailing dashes.
std::string strip_byline(std::string s) {
    static const std::array<std::string_view, 6> prefixes = {"by ", "yazan:", "yazar:", "muhabir:",
                                                              "haber:", "from "};
    for (bool changed = true; changed;) {
        changed = false;
        s = clean(s);
        for (std::string_view dash : {"\xE2\x80\x93", "\xE2\x80\x94", "-", ",", "/"}) {
            if (s.starts_with(dash)) {
                s.erase(0, dash.size());
                changed = true;
            }
            if (s.ends_with(dash)) {
                s.resize(s.size() - dash.size());
                changed = true;
            }
        }
        std::string low = ascii_lower(s.substr(0, 10));
        for (auto p : prefixes) {
            if (low.starts_with(p)) {
                s.erase(0, p.size());
                changed = true;
                break;
            }
        }
    }
    return s;
}

// YYYY-MM-DD from ISO 8601 basic ("20221222T103000+0300", "20221222") or
// extended ("2022-12-22T10:30:00+03:00") form; empty if not a valid date.
std::string iso_date(std::string_view raw) {
    std::string v = clean(raw);
    bool basic = v.size() >= 8 && (v.size() == 8 || v[8] == 'T');
    for (std::size_t i = 0; basic && i < 8; ++i) basic = v[i] >= '0' && v[i] <= '9';
    if (basic) v = v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2) + v.substr(8);
    return dates::iso(v);
}

// IPTC subject (subj:, NITF tobject.subject.refnum) and media topic
// (medtop:) top-level codes → Turkish category names.
std::string category_for_code(std::string_view qcode) {
    static const std::array<const char*, 17> names = {
        "kültür-sanat",        "asayiş ve adalet", "afet ve kaza", "ekonomi",
        "eğitim",              "çevre",            "sağlık",       "yaşam",
        "çalışma hayatı",      "yaşam",            "politika",     "din",
        "bilim ve teknoloji",  "toplum",           "spor",         "çatışma ve savaş",
        "hava durumu"};
    std::string_view scheme;
    std::string_view code = qcode;
    if (auto colon = qcode.find(':'); colon != std::string_view::npos) {
        scheme = qcode.substr(0, colon);
        code = qcode.substr(colon + 1);
    }
    if (code.size() != 8) return {};
    for (char c : code)
        if (c < '0' || c > '9') return {};
    if (scheme == "medtop" && code.substr(2) != "000000") return {};  // deeper levels: not mapped
    if (!scheme.empty() && scheme != "medtop" && scheme != "subj") return {};
    int top = (code[0] - '0') * 10 + (code[1] - '0');
    if (top < 1 || top > 17) return {};
    return names[static_cast<std::size_t>(top - 1)];
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

Node descendant(Node n, const char* local, const xmlChar* ns, int depth = 0) {
    if (!n || depth > kMaxDepth) return nullptr;
    for (Node c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is_el(c, local, ns)) return c;
        if (Node d = descendant(c, local, ns, depth + 1)) return d;
    }
    return nullptr;
}

void descendants(Node n, const char* local, const xmlChar* ns, std::vector<Node>& out,
                 int depth = 0) {
    if (!n || depth > kMaxDepth) return;
    for (Node c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is_el(c, local, ns)) out.push_back(c);
        else descendants(c, local, ns, out, depth + 1);
    }
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

class TextCollector {
public:
    explicit TextCollector(std::size_t limit) : limit_(limit) {}

    // The text of an element or attribute node's children.
    std::string text(Node n) {
        std::string out;
        gather(n, out, 0);
        return clean(out);
    }

    std::string attr(Node n, const char* name) {
        if (!n) return {};
        for (xmlAttr* a = n->properties; a; a = a->next) {
            if (a->ns || !xmlStrEqual(a->name, BAD_CAST name)) continue;
            std::string out;
            for (Node c = a->children; c; c = c->next) append_leaf(c, out);
            return clean(out);
        }
        return {};
    }

    // Entity references whose text could not be used (first line, count).
    std::size_t unresolved = 0;
    std::size_t unresolved_line = 0;
    std::string unresolved_name;
    bool truncated = false;

    // Block structure: paragraphs in document order.
    struct Para {
        Node node;  // the paragraph element, or nullptr for loose text
        std::string text;
    };
    std::vector<Para> paragraphs(Node container) {
        std::vector<Para> out;
        std::string pending;
        walk(container, out, pending, 0);
        flush(out, pending);
        return out;
    }

    bool append_leaf(Node c, std::string& out) {
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

private:
    void gather(Node n, std::string& out, int depth) {
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

    void flush(std::vector<Para>& out, std::string& pending) {
        std::string t = clean(pending);
        pending.clear();
        if (!t.empty()) out.push_back({nullptr, std::move(t)});
    }

    void walk(Node n, std::vector<Para>& out, std::string& pending, int depth) {
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

    std::size_t limit_;
};

// ---------------------------------------------------------------------------
// Documents

class Mapper {
public:
    Mapper(const std::string& display, const std::string& file_id, const DiagnosticSink& sink,
           std::size_t limit)
        : display_(display), file_id_(file_id), sink_(sink), text_(limit) {}

    IptcXmlResult result;

    void report(Diagnostic::Severity sev, std::size_t line, std::string msg) {
        if (sink_) sink_({display_, line, std::move(msg), sev});
    }
    void warning(std::size_t line, std::string msg) { report(Diagnostic::Warning, line, std::move(msg)); }
    void error(std::size_t line, std::string msg) { report(Diagnostic::Error, line, std::move(msg)); }

    void document(Node root) {
        std::string name = root->name ? str(root->name) : "";
        if (name == "nitf") {
            Article a;
            if (nitf(root, a)) finish(root, std::move(a), "NITF document without doc-id");
        } else if (name == "newsItem" && same_ns(ns_of(root), kG2Ns)) {
            Article a;
            news_item(root, a);
            finish(root, std::move(a), "newsItem without guid");
        } else if (name == "newsMessage" && same_ns(ns_of(root), kG2Ns)) {
            news_message(root);
        } else if (name == "newsItem" || name == "newsMessage") {
            error(line_of(root), "<" + name + "> is not in the NewsML-G2 namespace " + str(kG2Ns) +
                                     ", skipped");
            ++result.skipped;
        } else {
            error(line_of(root), "not an IPTC news document: root element <" + name +
                                     "> (expected nitf, newsItem or newsMessage), skipped");
            ++result.skipped;
        }
        if (text_.unresolved > 0) {
            warning(text_.unresolved_line,
                    "entity '&" + text_.unresolved_name + ";' is not defined (DTDs are not loaded)" +
                        (text_.unresolved > 1
                             ? ", it and " + std::to_string(text_.unresolved - 1) + " more left out"
                             : ", left out"));
        }
    }

private:
    // ---- NITF -------------------------------------------------------------

    // Returns false (after an error) if the document has no body.
    bool nitf(Node root, Article& a) {
        const xmlChar* ns = ns_of(root);
        Node head = child(root, "head", ns);
        Node body = child(root, "body", ns);
        if (!body) {
            error(line_of(root), "NITF document has no <body>, skipped");
            ++result.skipped;
            return false;
        }
        nitf_head(head, ns, a);
        nitf_body(body, ns, a);
        return true;
    }

    void nitf_head(Node head, const xmlChar* ns, Article& a) {
        if (!head) return;
        Node docdata = child(head, "docdata", ns);
        a.id = text_.attr(child(docdata, "doc-id", ns), "id-string");
        for (const char* el : {"date.issue", "date.release"}) {
            Node d = child(docdata, el, ns);
            if (d && set_date(a, text_.attr(d, "norm"), line_of(d))) break;
        }
        a.source = text_.attr(child(docdata, "doc.copyright", ns), "holder");
        Node pubdata = child(head, "pubdata", ns);
        if (a.source.empty()) a.source = text_.attr(pubdata, "name");
        a.url = text_.attr(pubdata, "ex-ref");
        for (Node t : children(head, "tobject", ns)) {
            for (Node s : children(t, "tobject.subject", ns)) {
                if (a.category.empty()) a.category = text_.attr(s, "tobject.subject.type");
            }
        }
        if (a.category.empty()) {
            for (Node m : children(head, "meta", ns))
                if (ascii_lower(text_.attr(m, "name")) == "category" && a.category.empty())
                    a.category = text_.attr(m, "content");
        }
        if (a.category.empty()) {
            for (Node t : children(head, "tobject", ns))
                for (Node s : children(t, "tobject.subject", ns))
                    if (a.category.empty())
                        a.category = category_for_code(text_.attr(s, "tobject.subject.refnum"));
        }
        if (a.title.empty()) a.title = text_.text(child(head, "title", ns));
    }

    void nitf_body(Node body, const xmlChar* ns, Article& a) {
        Node bhead = child(body, "body.head", ns);
        Node hedline = child(bhead, "hedline", ns);
        if (std::string t = text_.text(child(hedline, "hl1", ns)); !t.empty()) a.title = t;
        if (Node abstract = child(bhead, "abstract", ns)) {
            std::string lead;
            for (auto& p : text_.paragraphs(abstract)) join(lead, p.text, " ");
            if (a.lead.empty()) a.lead = lead;
        }
        for (Node b : children(bhead, "byline", ns)) {
            if (!a.author.empty()) break;
            std::vector<Node> persons;
            descendants(b, "person", ns, persons);
            std::string author;
            for (Node p : persons) join(author, text_.text(p), ", ");
            if (author.empty()) {
                std::string t;
                for (Node c = b->children; c; c = c->next) {
                    if (is_el(c, "byttl", ns)) continue;
                    if (text_.append_leaf(c, t)) continue;
                    if (c->type == XML_ELEMENT_NODE) t += " " + text_.text(c) + " ";
                }
                author = t;
            }
            a.author = strip_byline(author);
        }
        if (Node dl = child(bhead, "dateline", ns)) {
            if (a.date.empty())
                if (Node sd = child(dl, "story.date", ns)) set_date(a, text_.attr(sd, "norm"), line_of(sd));
            place_from_dateline(dl, ns, a);
        }
        std::vector<std::string> paras;
        for (Node content : children(body, "body.content", ns)) {
            for (auto& p : text_.paragraphs(content)) {
                if (a.lead.empty() && p.node && is_el(p.node, "p", ns) && lead_marked(p.node)) {
                    a.lead = p.text;
                    continue;
                }
                paras.push_back(std::move(p.text));
            }
        }
        if (a.lead.empty()) a.lead = text_.text(child(hedline, "hl2", ns));
        set_body(a, std::move(paras));
    }

    bool lead_marked(Node p) {
        std::string lede = ascii_lower(text_.attr(p, "lede"));
        if (lede == "true" || lede == "yes" || lede == "1") return true;
        std::string cls = " " + ascii_lower(text_.attr(p, "class")) + " ";
        for (const char* c : {" lead ", " lede ", " spot ", " summary "})
            if (cls.find(c) != std::string::npos) return true;
        return false;
    }

    void place_from_dateline(Node dl, const xmlChar* ns, Article& a) {
        if (!a.place.empty()) return;
        if (Node city = descendant(dl, "city", ns)) a.place = text_.text(city);
        if (a.place.empty())
            if (Node loc = descendant(dl, "location", ns)) a.place = text_.text(loc);
        if (!a.place.empty()) return;
        std::string t;
        for (Node c = dl->children; c; c = c->next) {
            if (is_el(c, "story.date", ns)) continue;
            if (text_.append_leaf(c, t)) continue;
            if (c->type == XML_ELEMENT_NODE) t += " " + text_.text(c) + " ";
        }
        place_from_text(clean(t), a);
    }

    void place_from_text(const std::string& t, Article& a) {
        if (t.empty()) return;
        auto d = parse_dateline(t);
        if (!d) d = parse_dateline(t + " \xE2\x80\x93");  // "TAŞKENT (AA)" without the dash
        if (d) {
            a.place = d->place;
            if (a.source.empty()) a.source = d->source;
            return;
        }
        auto end = t.find_first_of(",(");
        std::string p = strip_byline(t.substr(0, end));
        if (!p.empty() && p.size() <= 60) a.place = p;
    }

    // ---- NewsML-G2 --------------------------------------------------------

    void news_message(Node root) {
        std::size_t items = 0;
        for (Node set : children(root, "itemSet", kG2Ns)) {
            for (Node c = set->children; c; c = c->next) {
                if (c->type != XML_ELEMENT_NODE) continue;
                if (!is_el(c, "newsItem", kG2Ns)) {
                    warning(line_of(c), std::string("<") + str(c->name) +
                                            "> in the newsMessage is not a newsItem, left out");
                    continue;
                }
                ++items;
                Article a;
                news_item(c, a);
                finish(c, std::move(a), "newsItem without guid");
            }
        }
        if (items == 0) warning(line_of(root), "newsMessage holds no newsItem");
    }

    Node pick_turkish(const std::vector<Node>& nodes) {
        Node first = nullptr;
        for (Node n : nodes) {
            if (text_.text(n).empty()) continue;
            if (lang_is_turkish(n)) return n;
            if (!first) first = n;
        }
        return first;
    }

    void news_item(Node item, Article& a) {
        const xmlChar* g2 = kG2Ns;
        Node im = child(item, "itemMeta", g2);
        Node cm = child(item, "contentMeta", g2);
        a.id = text_.attr(item, "guid");

        a.title = text_.text(pick_turkish(children(cm, "headline", g2)));
        if (a.title.empty()) a.title = text_.text(child(im, "title", g2));

        std::vector<Node> summaries;
        for (Node d : children(cm, "description", g2))
            if (qcode_code(text_.attr(d, "role")) == "summary") summaries.push_back(d);
        a.lead = text_.text(pick_turkish(summaries));

        for (Node d : {child(im, "firstCreated", g2), child(cm, "contentCreated", g2),
                       child(im, "versionCreated", g2)})
            if (d && set_date(a, text_.text(d), line_of(d))) break;

        for (Node loc : children(cm, "located", g2)) {
            a.place = text_.text(pick_turkish(children(loc, "name", g2)));
            if (a.place.empty()) a.place = text_.attr(loc, "literal");
            if (!a.place.empty()) break;
        }
        if (a.place.empty())
            if (Node dl = child(cm, "dateline", g2)) place_from_text(text_.text(dl), a);

        std::vector<Node> subjects;
        for (Node s : children(cm, "subject", g2)) {
            std::string type(qcode_code(text_.attr(s, "type")));
            if (type.empty() || type == "abstract") subjects.push_back(s);  // not persons, places
        }
        for (Node s : subjects) {
            a.category = text_.text(pick_turkish(children(s, "name", g2)));
            if (!a.category.empty()) break;
        }
        for (Node s : subjects) {
            if (!a.category.empty()) break;
            a.category = category_for_code(text_.attr(s, "qcode"));
        }

        if (Node p = child(im, "provider", g2)) {
            a.source = text_.text(pick_turkish(children(p, "name", g2)));
            if (a.source.empty()) a.source = text_.attr(p, "literal");
            if (a.source.empty()) a.source = std::string(qcode_code(text_.attr(p, "qcode")));
        }

        std::string author;
        for (Node c : children(cm, "creator", g2)) {
            std::string n = text_.text(pick_turkish(children(c, "name", g2)));
            if (n.empty()) n = text_.attr(c, "literal");
            join(author, n, ", ");
        }
        if (author.empty())
            for (Node by : children(cm, "by", g2)) join(author, strip_byline(text_.text(by)), ", ");
        a.author = author;

        for (Node l : children(im, "link", g2)) {
            if (qcode_code(text_.attr(l, "rel")) == "canonical") {
                a.url = text_.attr(l, "href");
                if (!a.url.empty()) break;
            }
        }
        if (a.url.empty()) {
            for (Node alt : children(cm, "altId", g2)) {
                std::string type = ascii_lower(qcode_code(text_.attr(alt, "type")));
                std::string v = text_.text(alt);
                if ((type == "url" || type == "uri" || type == "weburl") &&
                    (v.starts_with("http://") || v.starts_with("https://"))) {
                    a.url = v;
                    break;
                }
            }
        }

        content_set(child(item, "contentSet", g2), a);
    }

    void content_set(Node cs, Article& a) {
        if (!cs) return;
        for (Node r = cs->children; r; r = r->next) {
            if (is_el(r, "inlineXML", kG2Ns)) {
                Node root = nullptr;
                for (Node c = r->children; c && !root; c = c->next)
                    if (c->type == XML_ELEMENT_NODE) root = c;
                if (root && xmlStrEqual(root->name, BAD_CAST "nitf")) {
                    Article inner;
                    const xmlChar* ns = ns_of(root);
                    if (Node body = child(root, "body", ns)) nitf_body(body, ns, inner);
                    if (!inner.body.empty() || !inner.title.empty()) {
                        merge(a, inner);
                        return;
                    }
                } else if (root && xmlStrEqual(root->name, BAD_CAST "html")) {
                    Node body = child(root, "body", ns_of(root));
                    if (!body) continue;
                    std::vector<std::string> paras;
                    std::string lead;
                    for (auto& p : text_.paragraphs(body)) {
                        if (lead.empty() && p.node && xmlStrEqual(p.node->name, BAD_CAST "p") &&
                            lead_marked(p.node)) {
                            lead = p.text;
                            continue;
                        }
                        paras.push_back(std::move(p.text));
                    }
                    if (paras.empty() && lead.empty()) continue;
                    if (a.lead.empty()) a.lead = lead;
                    set_body(a, std::move(paras));
                    return;
                } else {
                    std::vector<std::string> paras;
                    for (auto& p : text_.paragraphs(r)) paras.push_back(std::move(p.text));
                    if (paras.empty()) continue;
                    set_body(a, std::move(paras));
                    return;
                }
            } else if (is_el(r, "inlineData", kG2Ns)) {
                std::string raw;
                for (Node c = r->children; c; c = c->next) text_.append_leaf(c, raw);
                std::vector<std::string> paras;
                std::size_t start = 0;
                while (start <= raw.size()) {
                    std::size_t nl = raw.find('\n', start);
                    if (nl == std::string::npos) nl = raw.size();
                    std::string line = clean(std::string_view(raw).substr(start, nl - start));
                    if (!line.empty()) paras.push_back(std::move(line));
                    start = nl + 1;
                }
                if (paras.empty()) continue;
                set_body(a, std::move(paras));
                return;
            }
        }
    }

    static void merge(Article& a, Article& inner) {
        for (auto field : {&Article::title, &Article::lead, &Article::body, &Article::date,
                           &Article::place, &Article::source, &Article::author})
            if ((a.*field).empty()) a.*field = std::move(inner.*field);
    }

    // ---- shared -----------------------------------------------------------

    bool set_date(Article& a, const std::string& raw, std::size_t line) {
        if (raw.empty()) return false;
        std::string d = iso_date(raw);
        if (d.empty()) {
            warning(line, "invalid date '" + raw + "' ignored (expected ISO 8601, e.g. 20221222T103000+0300)");
            return false;
        }
        a.date = d;
        return true;
    }

    // Paragraphs → body; a dateline opening the first one fills place and source.
    void set_body(Article& a, std::vector<std::string> paras) {
        if (!paras.empty()) {
            if (auto d = parse_dateline(paras[0])) {
                if (a.place.empty()) a.place = d->place;
                if (a.source.empty()) a.source = d->source;
                std::string rest = clean(std::string_view(paras[0]).substr(d->length));
                if (rest.empty()) paras.erase(paras.begin());
                else paras[0] = std::move(rest);
            }
        }
        std::string body;
        for (auto& p : paras) join(body, p, "\n");
        a.body = std::move(body);
    }

    void finish(Node item, Article&& a, const char* missing_id) {
        std::size_t line = line_of(item);
        ++index_;
        if (text_.truncated) {
            error(line, "article text larger than the size limit (--max-article-size), skipped");
            ++result.skipped;
            text_.truncated = false;
            return;
        }
        if (a.title.empty() && a.body.empty() && a.lead.empty()) {
            warning(line, "article has no title and no body, skipped");
            ++result.skipped;
            return;
        }
        if (a.id.empty()) {
            a.id = file_id_ + ":" + std::to_string(index_);
            warning(line, std::string(missing_id) + "; id derived as \"" + a.id + "\"");
        }
        result.articles.push_back(std::move(a));
    }

    const std::string& display_;
    const std::string& file_id_;
    const DiagnosticSink& sink_;
    TextCollector text_;
    std::size_t index_ = 0;
};

}  // namespace

IptcXmlResult parse_iptc_xml(std::string_view document, const std::string& display,
                             const std::string& file_id, const DiagnosticSink& diagnostic) {
    init_libxml2();
    Mapper mapper(display, file_id, diagnostic, document.size() + 4096);
    if (document.size() > static_cast<std::size_t>(INT_MAX)) {
        mapper.error(0, "XML document larger than 2 GiB, skipped");
        ++mapper.result.skipped;
        return std::move(mapper.result);
    }

    ErrorLog log;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        mapper.error(0, "cannot create an XML parser (out of memory), file skipped");
        ++mapper.result.skipped;
        return std::move(mapper.result);
    }
    log.ctxt = ctxt;
    ctxt->_private = &log;
    ctxt->sax->serror = on_parser_error;  // per-parse: errors are collected, not printed
    xmlDocPtr doc = nullptr;
    {
        ThreadErrorScope scope(&log);
        // No network, no DTD loading, no entity substitution; libxml2's
        // default limits on depth, text size and entity amplification stay on
        // (no XML_PARSE_HUGE).
        const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                            XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;
        doc = xmlCtxtReadMemory(ctxt, document.data(), static_cast<int>(document.size()), nullptr,
                                nullptr, options);
    }
    bool well_formed = doc && ctxt->wellFormed;
    ctxt->_private = nullptr;
    xmlFreeParserCtxt(ctxt);

    if (!well_formed) {
        std::string msg = log.have_fatal ? log.fatal_message
                          : !log.first_error.empty() ? log.first_error
                                                     : std::string("document could not be parsed");
        std::size_t line = log.have_fatal ? log.fatal_line : log.first_error_line;
        mapper.error(line, "malformed XML: " + msg + ", file skipped");
        ++mapper.result.skipped;
        if (doc) xmlFreeDoc(doc);
        return std::move(mapper.result);
    }
    for (const auto& [line, msg] : log.warnings) mapper.warning(line, "XML: " + msg);
    if (log.more_warnings > 0)
        mapper.warning(0, "XML: " + std::to_string(log.more_warnings) + " more problems not shown");

    Node root = xmlDocGetRootElement(doc);
    if (!root) {
        mapper.error(0, "XML document has no root element, skipped");
        ++mapper.result.skipped;
    } else {
        mapper.document(root);
    }
    xmlFreeDoc(doc);
    return std::move(mapper.result);
}

bool looks_like_iptc_xml(std::string_view head) {
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    std::size_t i = 0;
    auto skip_space = [&] {
        while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
            ++i;
    };
    for (;;) {
        skip_space();
        if (i >= head.size() || head[i] != '<') return false;
        std::string_view rest = head.substr(i);
        if (rest.starts_with("<?")) {
            auto end = rest.find("?>");
            if (end == std::string_view::npos) return false;
            i += end + 2;
        } else if (rest.starts_with("<!--")) {
            auto end = rest.find("-->");
            if (end == std::string_view::npos) return false;
            i += end + 3;
        } else if (rest.starts_with("<!")) {  // DOCTYPE, possibly with an internal subset
            auto bracket = rest.find('[');
            auto gt = rest.find('>');
            if (gt == std::string_view::npos) return false;
            if (bracket != std::string_view::npos && bracket < gt) {
                auto close = rest.find("]", bracket);
                if (close == std::string_view::npos) return false;
                gt = rest.find('>', close);
                if (gt == std::string_view::npos) return false;
            }
            i += gt + 1;
        } else {
            std::size_t j = 1;
            while (j < rest.size() && rest[j] != ' ' && rest[j] != '\t' && rest[j] != '\r' &&
                   rest[j] != '\n' && rest[j] != '>' && rest[j] != '/')
                ++j;
            std::string_view name = rest.substr(1, j - 1);
            if (auto colon = name.find(':'); colon != std::string_view::npos)
                name.remove_prefix(colon + 1);
            return name == "nitf" || name == "newsItem" || name == "newsMessage";
        }
    }
}

bool looks_like_utf16_xml(std::string_view head) {
    auto starts = [&](std::string_view p) { return head.substr(0, p.size()) == p; };
    using namespace std::string_view_literals;
    return starts("\xFF\xFE<\0"sv) || starts("\xFE\xFF\0<"sv) || starts("<\0?\0"sv) ||
           starts("\0<\0?"sv);
}

}  // namespace haber::ingest
