// One news article as read from any input format, before analysis.
#pragma once

#include <string>

namespace haber {

struct Article {
    std::string id;        // unique in the archive; re-indexing an id replaces it
    std::string title;
    std::string lead;
    std::string body;      // paragraphs separated by '\n'
    std::string date;      // "YYYY-MM-DD" or empty
    std::string place;     // dateline place, e.g. "TAŞKENT"
    std::string category;
    std::string source;    // agency or publication, e.g. "AA"
    std::string url;
    std::string author;
};

}  // namespace haber
