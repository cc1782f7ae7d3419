// ByteSource and LineReader: plain and gzip input (one member, several,
// trailing bytes, cut short, damaged), the bytes counted as consumed, and
// a pipe's lines handed on as they arrive rather than after a buffer's worth.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ingest/byte_source.h"
#include "support/run_command.h"

using haber::ingest::ByteSource;
using haber::ingest::LineReader;
using haber::test::TempDir;
using haber::test::write_file;

namespace {

// Lines of the bundled-corpus kind, Turkish letters in every one.
const std::vector<std::string> kLines = {
    "{\"id\": \"b1\", \"title\": \"Kabine toplandı\", \"body\": \"ANKARA (AA) – Kabine, Külliye'de toplandı.\"}\n",
    "{\"id\": \"b2\", \"title\": \"İzmir'de deniz suyu ısındı\", \"body\": \"Körfez'de sıcaklık arttı.\"}\n",
    "{\"id\": \"b3\", \"title\": \"Borsa güne yükselişle başladı\", \"body\": \"BIST 100 endeksi yüzde 1 değer kazandı.\"}\n",
};

std::string all_lines() {
    std::string s;
    for (const auto& l : kLines) s += l;
    return s;
}

// One gzip member holding `parts`, as the compressed bytes up to the end
// of each part. Flushed after each part (as a producer writing to a pipe
// does) when `flush_each`, so that every part can be decompressed at once.
std::vector<std::string> gzip_pieces(const std::vector<std::string>& parts, bool flush_each) {
    z_stream z{};
    EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    std::vector<std::string> out;
    char buf[4096];
    for (std::size_t i = 0; i < parts.size(); ++i) {
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(parts[i].data()));
        z.avail_in = static_cast<uInt>(parts[i].size());
        int flush = i + 1 == parts.size() ? Z_FINISH : flush_each ? Z_SYNC_FLUSH : Z_NO_FLUSH;
        std::string piece;
        do {
            z.next_out = reinterpret_cast<Bytef*>(buf);
            z.avail_out = sizeof buf;
            deflate(&z, flush);
            piece.append(buf, sizeof buf - z.avail_out);
        } while (z.avail_out == 0);
        out.push_back(std::move(piece));
    }
    deflateEnd(&z);
    return out;
}

std::string gzip(const std::string& text) { return gzip_pieces({text}, false)[0]; }

struct ReadAll {
    std::string text;
    std::string error;
    bool truncated = false;
    bool compressed = false;
    std::uint64_t offset = 0;
};

ReadAll read_all_of(const std::string& path) {
    ByteSource src;
    ReadAll r;
    if (!src.open(path)) {
        r.error = "open: " + src.error();
        return r;
    }
    char buf[1000];  // small reads: members and buffers end in the middle of one
    while (std::size_t n = src.read(buf, sizeof buf)) r.text.append(buf, n);
    r.error = src.error();
    r.truncated = src.truncated();
    r.compressed = src.compressed();
    r.offset = src.raw_offset();
    return r;
}

}  // namespace

TEST(ingest_byte_source, PlainAndGzipInput) {
    const std::string text = all_lines();
    const std::string gz = gzip(text);
    std::string damaged = gz;
    damaged[12] = static_cast<char>(damaged[12] ^ 0xFF);  // inside the first deflate block
    damaged[13] = static_cast<char>(damaged[13] ^ 0xFF);
    struct Case {
        const char* name;
        std::string bytes;
        std::string text;        // what is read before the end or the damage
        bool compressed;
        const char* error;       // "" or the start of the error
        bool truncated;
    };
    const Case cases[] = {
        {"plain", text, text, false, "", false},
        {"empty", "", "", false, "", false},
        {"one byte of the magic", "\x1f", "\x1f", false, "", false},
        {"gzip", gz, text, true, "", false},
        {"two gzip members (cat a.gz b.gz)", gzip(kLines[0]) + gzip(kLines[1] + kLines[2]), text, true, "", false},
        {"gzip and bytes that are not gzip", gz + "\n-- son --\n", text, true, "", false},
        {"gzip cut short", gz.substr(0, gz.size() - 12), "", true, "unexpected end of gzip stream", true},
        {"gzip damaged", damaged, "", true, "corrupt gzip stream: ", false},
    };
    TempDir dir;
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        write_file(dir.file("in"), c.bytes);
        ReadAll r = read_all_of(dir.file("in"));
        EXPECT_EQ(r.compressed, c.compressed);
        EXPECT_EQ(r.error.rfind(c.error, 0), 0u) << r.error;
        EXPECT_EQ(r.error.empty(), std::string(c.error).empty()) << r.error;
        EXPECT_EQ(r.truncated, c.truncated);
        if (c.truncated) {
            EXPECT_EQ(text.rfind(r.text, 0), 0u) << r.text;  // a beginning of the text
        } else if (c.error[0] == '\0') {
            EXPECT_EQ(r.text, c.text);
            EXPECT_EQ(r.offset, c.bytes.size());  // every byte consumed
        }
    }
}

TEST(ingest_byte_source, MissingFileIsAnOpenError) {
    ByteSource src;
    EXPECT_FALSE(src.open("/nonexistent/haberler.jsonl"));
    EXPECT_EQ(src.error(), "No such file or directory");
    char c;
    EXPECT_EQ(src.read(&c, 1), 0u);
}

// A producer writes one line, then waits until the reader has it before
// writing the next: a reader that waits for a full buffer would have none
// of them until the pipe closes (the producer gives up after 10 s).
TEST(ingest_byte_source, PipeLinesArriveOneByOne) {
    struct Case {
        const char* name;
        std::vector<std::string> writes;  // what the producer writes, one piece at a time
    };
    const Case cases[] = {
        {"JSON Lines", kLines},
        {"gzip flushed after each line", gzip_pieces(kLines, true)},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        int fds[2];
        ASSERT_EQ(pipe(fds), 0);
        std::mutex m;
        std::condition_variable cv;
        std::size_t lines_got = 0;
        std::vector<bool> in_time(c.writes.size(), false);
        std::thread producer([&] {
            for (std::size_t i = 0; i < c.writes.size(); ++i) {
                EXPECT_EQ(write(fds[1], c.writes[i].data(), c.writes[i].size()),
                          static_cast<ssize_t>(c.writes[i].size()));
                if (i + 1 == c.writes.size()) break;  // the last line ends with the pipe
                std::unique_lock lock(m);
                in_time[i] = cv.wait_for(lock, std::chrono::seconds(10), [&] { return lines_got > i; });
            }
            close(fds[1]);
        });
        ByteSource src;
        ASSERT_TRUE(src.open("/dev/fd/" + std::to_string(fds[0])));
        LineReader reader(src, 1 << 20);
        std::string_view line;
        std::size_t number = 0;
        std::vector<std::string> got;
        while (reader.next(line, number) == LineReader::Status::Line) {
            got.emplace_back(line);
            std::lock_guard lock(m);
            ++lines_got;
            cv.notify_all();
        }
        producer.join();
        close(fds[0]);
        EXPECT_TRUE(src.error().empty()) << src.error();
        ASSERT_EQ(got.size(), kLines.size());
        for (std::size_t i = 0; i < kLines.size(); ++i) {
            EXPECT_EQ(got[i] + "\n", kLines[i]);
            if (i + 1 < kLines.size()) {
                EXPECT_TRUE(in_time[i]) << "line " << i + 1 << " waited for the next one";
            }
        }
    }
}
