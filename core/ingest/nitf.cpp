#include "ingest/nitf.h"

#include <string>
#include <utility>
#include <vector>

namespace haber::ingest::iptc {

using namespace xml;

namespace {

void nitf_head(Node head, const xmlChar* ns, Article& a, Mapper& m) {
    if (!head) return;
    Node docdata = child(head, "docdata", ns);
    a.id = m.text.attr(child(docdata, "doc-id", ns), "id-string");
    for (const char* el : {"date.issue", "date.release"}) {
        Node d = child(docdata, el, ns);
        if (d && m.set_date(a, m.text.attr(d, "norm"), line_of(d))) break;
    }
    a.source = m.text.attr(child(docdata, "doc.copyright", ns), "holder");
    Node pubdata = child(head, "pubdata", ns);
    if (a.source.empty()) a.source = m.text.attr(pubdata, "name");
    a.url = m.text.attr(pubdata, "ex-ref");
    for (Node t : children(head, "tobject", ns)) {
        for (Node s : children(t, "tobject.subject", ns)) {
            if (a.category.empty()) a.category = m.text.attr(s, "tobject.subject.type");
        }
    }
    if (a.category.empty()) {
        for (Node meta : children(head, "meta", ns))
            if (ascii_lower(m.text.attr(meta, "name")) == "category" && a.category.empty())
                a.category = m.text.attr(meta, "content");
    }
    if (a.category.empty()) {
        for (Node t : children(head, "tobject", ns))
            for (Node s : children(t, "tobject.subject", ns))
                if (a.category.empty())
                    a.category = category_for_code(m.text.attr(s, "tobject.subject.refnum"));
    }
    if (a.title.empty()) a.title = m.text.text(child(head, "title", ns));
}

// The text of `parent`'s children except `left_out` elements, elements
// separated by spaces.
std::string text_without(Node parent, const char* left_out, const xmlChar* ns, Mapper& m) {
    std::string t;
    for (Node c = parent->children; c; c = c->next) {
        if (is_el(c, left_out, ns)) continue;
        if (m.text.append_leaf(c, t)) continue;
        if (c->type == XML_ELEMENT_NODE) t += " " + m.text.text(c) + " ";
    }
    return t;
}

// The first byline that names someone: its person elements, or its text
// without the byttl (title) element.
void byline(Node bhead, const xmlChar* ns, Article& a, Mapper& m) {
    for (Node b : children(bhead, "byline", ns)) {
        if (!a.author.empty()) break;
        std::vector<Node> persons;
        descendants(b, "person", ns, persons);
        std::string author;
        for (Node p : persons) join(author, m.text.text(p), ", ");
        if (author.empty()) author = text_without(b, "byttl", ns, m);
        a.author = strip_byline(author);
    }
}

void place_from_dateline(Node dl, const xmlChar* ns, Article& a, Mapper& m) {
    if (!a.place.empty()) return;
    if (Node city = descendant(dl, "city", ns)) a.place = m.text.text(city);
    if (a.place.empty())
        if (Node loc = descendant(dl, "location", ns)) a.place = m.text.text(loc);
    if (!a.place.empty()) return;
    m.place_from_text(clean(text_without(dl, "story.date", ns, m)), a);
}

}  // namespace

void map_nitf(Node root, Mapper& m) {
    const xmlChar* ns = ns_of(root);
    Node head = child(root, "head", ns);
    Node body = child(root, "body", ns);
    if (!body) {
        m.skip(line_of(root), "NITF document has no <body>, skipped");
        return;
    }
    Article a;
    nitf_head(head, ns, a, m);
    map_nitf_body(body, ns, a, m);
    m.finish(root, std::move(a), "NITF document without doc-id");
}

void map_nitf_body(Node body, const xmlChar* ns, Article& a, Mapper& m) {
    Node bhead = child(body, "body.head", ns);
    Node hedline = child(bhead, "hedline", ns);
    if (std::string t = m.text.text(child(hedline, "hl1", ns)); !t.empty()) a.title = t;
    if (Node abstract = child(bhead, "abstract", ns)) {
        std::string lead;
        for (auto& p : m.text.paragraphs(abstract)) join(lead, p.text, " ");
        if (a.lead.empty()) a.lead = lead;
    }
    byline(bhead, ns, a, m);
    if (Node dl = child(bhead, "dateline", ns)) {
        if (a.date.empty())
            if (Node sd = child(dl, "story.date", ns)) m.set_date(a, m.text.attr(sd, "norm"), line_of(sd));
        place_from_dateline(dl, ns, a, m);
    }
    std::vector<std::string> paras;
    for (Node content : children(body, "body.content", ns)) {
        for (auto& p : m.text.paragraphs(content)) {
            if (a.lead.empty() && p.node && is_el(p.node, "p", ns) && m.lead_marked(p.node)) {
                a.lead = p.text;
                continue;
            }
            paras.push_back(std::move(p.text));
        }
    }
    if (a.lead.empty()) a.lead = m.text.text(child(hedline, "hl2", ns));
    m.set_body(a, std::move(paras));
}

}  // namespace haber::ingest::iptc
