// Turns an Article into the Xapian document the schema describes: analysed
// title and body terms with positions, exact forms, keyword fields, date
// value and the stored article. Thread-safe for concurrent build() calls.
#pragma once

#include <xapian.h>

#include "analysis/analyzer.h"
#include "article.h"

namespace haber {

class DocumentBuilder {
public:
    explicit DocumentBuilder(const analysis::Analyzer& analyzer) : analyzer_(analyzer) {}
    // The article's text fields are normalised here; the stored copy is the
    // normalised one, so snippet offsets computed later line up.
    Xapian::Document build(const Article& article) const;
private:
    const analysis::Analyzer& analyzer_;
};

}  // namespace haber
