#include "ingest/iptc_xml.h"

#include <string>
#include <utility>

#include "ingest/iptc_mapping.h"
#include "ingest/newsml_g2.h"
#include "ingest/nitf.h"
#include "ingest/xml_reader.h"

namespace haber::ingest {

namespace {

using iptc::kG2Ns;
using xml::line_of;
using xml::str;

// One article per NITF document or NewsML-G2 newsItem, by the root element.
void map_document(xml::Node root, iptc::Mapper& m) {
    std::string name = root->name ? str(root->name) : "";
    bool g2 = xml::same_ns(xml::ns_of(root), kG2Ns);
    if (name == "nitf") {
        iptc::map_nitf(root, m);
    } else if (name == "newsItem" && g2) {
        iptc::map_news_item(root, m);
    } else if (name == "newsMessage" && g2) {
        iptc::map_news_message(root, m);
    } else if (name == "newsItem" || name == "newsMessage") {
        m.skip(line_of(root), "<" + name + "> is not in the NewsML-G2 namespace " + str(kG2Ns) + ", skipped");
    } else {
        m.skip(line_of(root), "not an IPTC news document: root element <" + name +
                                  "> (expected nitf, newsItem or newsMessage), skipped");
    }
    m.report_unresolved_entities();
}

}  // namespace

IptcXmlResult parse_iptc_xml(std::string_view document, const std::string& display,
                             const std::string& file_id, const DiagnosticSink& diagnostic) {
    xml::Reporter report(display, diagnostic);
    iptc::Mapper mapper(report, file_id, document.size() + 4096);
    xml::DocPtr doc = xml::parse_document(document, report);
    if (!doc) {
        ++mapper.result.skipped;
        return std::move(mapper.result);
    }
    map_document(xmlDocGetRootElement(doc.get()), mapper);
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
