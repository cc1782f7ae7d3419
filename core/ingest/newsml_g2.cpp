#include "ingest/newsml_g2.h"

#include <string>
#include <utility>
#include <vector>

#include "ingest/nitf.h"

namespace haber::ingest::iptc {

using namespace xml;

namespace {

const xmlChar* const g2 = kG2Ns;

// The first node with text whose language is Turkish, else the first with text.
Node pick_turkish(const std::vector<Node>& nodes, Mapper& m) {
    Node first = nullptr;
    for (Node n : nodes) {
        if (m.text.text(n).empty()) continue;
        if (lang_is_turkish(n)) return n;
        if (!first) first = n;
    }
    return first;
}

// The Turkish (else first) <name> child of `n`.
std::string name_of(Node n, Mapper& m) { return m.text.text(pick_turkish(children(n, "name", g2), m)); }

void titles(Node im, Node cm, Article& a, Mapper& m) {
    a.title = m.text.text(pick_turkish(children(cm, "headline", g2), m));
    if (a.title.empty()) a.title = m.text.text(child(im, "title", g2));

    std::vector<Node> summaries;
    for (Node d : children(cm, "description", g2))
        if (qcode_code(m.text.attr(d, "role")) == "summary") summaries.push_back(d);
    a.lead = m.text.text(pick_turkish(summaries, m));
}

void date_and_place(Node im, Node cm, Article& a, Mapper& m) {
    for (Node d : {child(im, "firstCreated", g2), child(cm, "contentCreated", g2),
                   child(im, "versionCreated", g2)})
        if (d && m.set_date(a, m.text.text(d), line_of(d))) break;

    for (Node loc : children(cm, "located", g2)) {
        a.place = name_of(loc, m);
        if (a.place.empty()) a.place = m.text.attr(loc, "literal");
        if (!a.place.empty()) break;
    }
    if (a.place.empty())
        if (Node dl = child(cm, "dateline", g2)) m.place_from_text(m.text.text(dl), a);
}

void category(Node cm, Article& a, Mapper& m) {
    std::vector<Node> subjects;
    for (Node s : children(cm, "subject", g2)) {
        std::string type(qcode_code(m.text.attr(s, "type")));
        if (type.empty() || type == "abstract") subjects.push_back(s);  // not persons, places
    }
    for (Node s : subjects) {
        a.category = name_of(s, m);
        if (!a.category.empty()) break;
    }
    for (Node s : subjects) {
        if (!a.category.empty()) break;
        a.category = category_for_code(m.text.attr(s, "qcode"));
    }
}

void source_and_author(Node im, Node cm, Article& a, Mapper& m) {
    if (Node p = child(im, "provider", g2)) {
        a.source = name_of(p, m);
        if (a.source.empty()) a.source = m.text.attr(p, "literal");
        if (a.source.empty()) a.source = std::string(qcode_code(m.text.attr(p, "qcode")));
    }

    std::string author;
    for (Node c : children(cm, "creator", g2)) {
        std::string n = name_of(c, m);
        if (n.empty()) n = m.text.attr(c, "literal");
        join(author, n, ", ");
    }
    if (author.empty())
        for (Node by : children(cm, "by", g2)) join(author, strip_byline(m.text.text(by)), ", ");
    a.author = author;
}

void url(Node im, Node cm, Article& a, Mapper& m) {
    for (Node l : children(im, "link", g2)) {
        if (qcode_code(m.text.attr(l, "rel")) == "canonical") {
            a.url = m.text.attr(l, "href");
            if (!a.url.empty()) return;
        }
    }
    for (Node alt : children(cm, "altId", g2)) {
        std::string type = ascii_lower(qcode_code(m.text.attr(alt, "type")));
        std::string v = m.text.text(alt);
        if ((type == "url" || type == "uri" || type == "weburl") &&
            (v.starts_with("http://") || v.starts_with("https://"))) {
            a.url = v;
            return;
        }
    }
}

// Fields the item's metadata left empty, from the inline NITF.
void merge(Article& a, Article& inner) {
    for (auto field : {&Article::title, &Article::lead, &Article::body, &Article::date,
                       &Article::place, &Article::source, &Article::author})
        if ((a.*field).empty()) a.*field = std::move(inner.*field);
}

// An inlineXML rendition: NITF, XHTML, or any other XML's text. False if
// it has no text to use (the next rendition is tried).
bool inline_xml(Node r, Article& a, Mapper& m) {
    Node root = nullptr;
    for (Node c = r->children; c && !root; c = c->next)
        if (c->type == XML_ELEMENT_NODE) root = c;
    if (root && xmlStrEqual(root->name, BAD_CAST "nitf")) {
        Article inner;
        const xmlChar* ns = ns_of(root);
        if (Node body = child(root, "body", ns)) map_nitf_body(body, ns, inner, m);
        if (inner.body.empty() && inner.title.empty()) return false;
        merge(a, inner);
        return true;
    }
    if (root && xmlStrEqual(root->name, BAD_CAST "html")) {
        Node body = child(root, "body", ns_of(root));
        if (!body) return false;
        std::vector<std::string> paras;
        std::string lead;
        for (auto& p : m.text.paragraphs(body)) {
            if (lead.empty() && p.node && xmlStrEqual(p.node->name, BAD_CAST "p") && m.lead_marked(p.node)) {
                lead = p.text;
                continue;
            }
            paras.push_back(std::move(p.text));
        }
        if (paras.empty() && lead.empty()) return false;
        if (a.lead.empty()) a.lead = lead;
        m.set_body(a, std::move(paras));
        return true;
    }
    std::vector<std::string> paras;
    for (auto& p : m.text.paragraphs(r)) paras.push_back(std::move(p.text));
    if (paras.empty()) return false;
    m.set_body(a, std::move(paras));
    return true;
}

// An inlineData rendition: its non-empty lines are the paragraphs. False
// if it has none.
bool inline_data(Node r, Article& a, Mapper& m) {
    std::string raw;
    for (Node c = r->children; c; c = c->next) m.text.append_leaf(c, raw);
    std::vector<std::string> paras;
    std::size_t start = 0;
    while (start <= raw.size()) {
        std::size_t nl = raw.find('\n', start);
        if (nl == std::string::npos) nl = raw.size();
        std::string line = clean(std::string_view(raw).substr(start, nl - start));
        if (!line.empty()) paras.push_back(std::move(line));
        start = nl + 1;
    }
    if (paras.empty()) return false;
    m.set_body(a, std::move(paras));
    return true;
}

// The body from the first rendition that has text.
void content_set(Node cs, Article& a, Mapper& m) {
    if (!cs) return;
    for (Node r = cs->children; r; r = r->next) {
        if (is_el(r, "inlineXML", g2) && inline_xml(r, a, m)) return;
        if (is_el(r, "inlineData", g2) && inline_data(r, a, m)) return;
    }
}

}  // namespace

void map_news_item(Node item, Mapper& m) {
    Node im = child(item, "itemMeta", g2);
    Node cm = child(item, "contentMeta", g2);
    Article a;
    a.id = m.text.attr(item, "guid");
    titles(im, cm, a, m);
    date_and_place(im, cm, a, m);
    category(cm, a, m);
    source_and_author(im, cm, a, m);
    url(im, cm, a, m);
    content_set(child(item, "contentSet", g2), a, m);
    m.finish(item, std::move(a), "newsItem without guid");
}

void map_news_message(Node root, Mapper& m) {
    std::size_t items = 0;
    for (Node set : children(root, "itemSet", g2)) {
        for (Node c = set->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE) continue;
            if (!is_el(c, "newsItem", g2)) {
                m.report.warning(line_of(c), std::string("<") + str(c->name) +
                                                 "> in the newsMessage is not a newsItem, left out");
                continue;
            }
            ++items;
            map_news_item(c, m);
        }
    }
    if (items == 0) m.report.warning(line_of(root), "newsMessage holds no newsItem");
}

}  // namespace haber::ingest::iptc
