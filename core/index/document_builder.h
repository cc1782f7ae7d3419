// Turns an Article into the Xapian document the schema describes: analysed
// title and body terms with positions, exact forms, keyword fields, date
// value and the stored article; and the fold pairs the fold table needs. Thread-safe for concurrent build() calls.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "article.h"

namespace haber {

// (ASCII fold, stem) of the text stems that differ from their fold: what
// the fold table (index/schema.h) must hold for the document.
using Folds = std::vector<std::pair<std::string, std::string>>;

class DocumentBuilder {
public:
    explicit DocumentBuilder(const analysis::Analyzer& analyzer) : analyzer_(analyzer) {}
    // The article's text fields are normalised here; the stored copy is the
    // normalised one, so snippet offsets computed later line up. `folds`, if
    // given, receives the document's fold pairs, each once.
    Xapian::Document build(const Article& article, Folds* folds = nullptr) const;
private:
    const analysis::Analyzer& analyzer_;
};

}  // namespace haber
