// Lucene 4.10 (Debian liblucene4.10-java) as a peer of haber: TurkishAnalyzer,
// BM25Similarity, classic QueryParser with AND as the default operator.
//
//   java LuceneBench index DIR CORPUS.jsonl[.gz] [THREADS]
//   java LuceneBench bench DIR QUERIES.tsv MODE PASSES OUT.json
//   java LuceneBench knownitem DIR QUERIES.tsv OUT.jsonl
//
// Index: "id" (StringField, stored), "title" (TextField, stored), "text"
// (title + lead + body + place, TextField), "category" (StringField, lower-cased).
// QUERIES.tsv: class<TAB>sorted(0|1)<TAB>query in Lucene syntax (written by
// peers/prepare_queries.py from the haber query set). MODE: count | top10 |
// top100. Method as haber-bench: one warm-up pass, then PASSES passes, best
// time per query; per class nearest-rank p50/p95/p99/max in microseconds,
// queries/s and the sum of result counts. Single thread; index with THREADS > 1
// (default 1): that many threads add documents to the one IndexWriter (which
// Lucene allows) and merges run concurrently.
//
// knownitem (benchmarks/quality/): QUERIES.tsv is a known-item set,
// qid<TAB>split<TAB>kind<TAB>target<TAB>query in haber-search syntax (plain
// words and "quoted phrases"). Each query runs as typed and as its ASCII twin
// (ç ğ ı ö ş ü Ç Ğ İ Ö Ş Ü -> c g i o s u C G I O S U), each word and phrase
// word escaped for the classic QueryParser, default operator OR, default
// field "text", BM25; OUT.jsonl gets {qid, variant, query, translated, hits:
// top-10 ids, total} per run (a query the parser rejects: no hits, "error").
import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHitCountCollector;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

public class LuceneBench {
    static final Version V = Version.LUCENE_4_10_4;
    static final Locale TR = new Locale("tr", "TR");

    static Analyzer analyzer() {
        Map<String, Analyzer> per = new HashMap<>();
        per.put("category", new KeywordAnalyzer());
        per.put("id", new KeywordAnalyzer());
        return new PerFieldAnalyzerWrapper(new TurkishAnalyzer(V), per);
    }

    public static void main(String[] args) throws Exception {
        if ((args.length == 3 || args.length == 4) && args[0].equals("index")) {
            index(args[1], args[2], args.length == 4 ? Integer.parseInt(args[3]) : 1);
        } else if (args.length == 6 && args[0].equals("bench")) {
            bench(args[1], args[2], args[3], Integer.parseInt(args[4]), args[5]);
        } else if (args.length == 4 && args[0].equals("knownitem")) {
            knownItem(args[1], args[2], args[3]);
        } else {
            System.err.println("usage: LuceneBench index DIR CORPUS [THREADS] | bench DIR QUERIES.tsv count|top10|top100 PASSES OUT.json"
                               + " | knownitem DIR QUERIES.tsv OUT.jsonl");
            System.exit(2);
        }
    }

    // ------------------------------------------------------------ indexing
    static void index(String dir, String corpus, int threads) throws Exception {
        long t0 = System.nanoTime();
        IndexWriterConfig cfg = new IndexWriterConfig(V, analyzer());
        cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        cfg.setSimilarity(new BM25Similarity());
        cfg.setRAMBufferSizeMB(256);
        if (threads <= 1) cfg.setMergeScheduler(new SerialMergeScheduler());  // single thread
        else cfg.setMaxThreadStates(threads);
        long n = 0;
        java.util.concurrent.ExecutorService pool = threads > 1
            ? new java.util.concurrent.ThreadPoolExecutor(threads, threads, 0L, java.util.concurrent.TimeUnit.SECONDS,
                  new java.util.concurrent.ArrayBlockingQueue<Runnable>(threads * 64),
                  new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy())
            : null;
        final java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        try (IndexWriter w = new IndexWriter(FSDirectory.open(new File(dir)), cfg);
             BufferedReader r = open(corpus)) {
            String line;
            long lineNo = 0;
            while ((line = r.readLine()) != null) {
                ++lineNo;
                if (line.trim().isEmpty()) continue;
                Map<String, String> a;
                try {
                    a = parseFlatJson(line);
                } catch (IllegalArgumentException e) {
                    System.err.println(corpus + ":" + lineNo + ": " + e.getMessage() + ", line skipped");
                    continue;
                }
                String title = a.getOrDefault("title", ""), lead = a.getOrDefault("lead", ""),
                       body = a.getOrDefault("body", ""), place = a.getOrDefault("place", "");
                Document d = new Document();
                d.add(new StringField("id", a.getOrDefault("id", Long.toString(lineNo)), Field.Store.YES));
                d.add(new TextField("title", title, Field.Store.YES));
                d.add(new TextField("text", title + "\n" + lead + "\n" + body + (place.isEmpty() ? "" : "\n" + place),
                                    Field.Store.NO));
                d.add(new StringField("category", a.getOrDefault("category", "").toLowerCase(TR), Field.Store.NO));
                if (pool == null) {
                    w.addDocument(d);
                } else {
                    pool.execute(() -> {
                        try {
                            w.addDocument(d);
                        } catch (Exception e) {
                            failed.compareAndSet(null, e);
                        }
                    });
                }
                ++n;
            }
            if (pool != null) {
                pool.shutdown();
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.DAYS);
                if (failed.get() != null) throw failed.get();
            }
            w.forceMerge(1);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.err.printf(Locale.ROOT, "lucene: indexed %d articles in %.1f s, %.0f articles/s, %d thread(s)%n", n, s, n / s,
                          Math.max(threads, 1));
    }

    static BufferedReader open(String path) throws IOException {
        InputStream in = new FileInputStream(path);
        if (path.endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    // A JSON object on one line; string values kept, other values skipped.
    static Map<String, String> parseFlatJson(String s) {
        Map<String, String> out = new HashMap<>();
        int[] pos = {skipWs(s, 0)};
        expect(s, pos, '{');
        pos[0] = skipWs(s, pos[0]);
        if (peek(s, pos) == '}') return out;
        while (true) {
            pos[0] = skipWs(s, pos[0]);
            String key = parseString(s, pos);
            pos[0] = skipWs(s, pos[0]);
            expect(s, pos, ':');
            pos[0] = skipWs(s, pos[0]);
            if (peek(s, pos) == '"') out.put(key, parseString(s, pos));
            else skipValue(s, pos);
            pos[0] = skipWs(s, pos[0]);
            char c = peek(s, pos);
            pos[0]++;
            if (c == '}') return out;
            if (c != ',') throw new IllegalArgumentException("malformed JSON at column " + pos[0]);
        }
    }

    static int skipWs(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) ++i;
        return i;
    }

    static char peek(String s, int[] pos) {
        if (pos[0] >= s.length()) throw new IllegalArgumentException("truncated JSON");
        return s.charAt(pos[0]);
    }

    static void expect(String s, int[] pos, char c) {
        if (peek(s, pos) != c) throw new IllegalArgumentException("expected '" + c + "' at column " + (pos[0] + 1));
        pos[0]++;
    }

    static String parseString(String s, int[] pos) {
        expect(s, pos, '"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = peek(s, pos);
            pos[0]++;
            if (c == '"') return b.toString();
            if (c != '\\') { b.append(c); continue; }
            char e = peek(s, pos);
            pos[0]++;
            switch (e) {
                case '"': b.append('"'); break;
                case '\\': b.append('\\'); break;
                case '/': b.append('/'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'n': b.append('\n'); break;
                case 'r': b.append('\r'); break;
                case 't': b.append('\t'); break;
                case 'u':
                    if (pos[0] + 4 > s.length()) throw new IllegalArgumentException("truncated \\u escape");
                    b.append((char) Integer.parseInt(s.substring(pos[0], pos[0] + 4), 16));  // surrogates pair up as chars
                    pos[0] += 4;
                    break;
                default: throw new IllegalArgumentException("bad escape \\" + e);
            }
        }
    }

    static void skipValue(String s, int[] pos) {  // number, literal, or nested object/array
        int depth = 0;
        while (pos[0] < s.length()) {
            char c = s.charAt(pos[0]);
            if (c == '"') { parseString(s, pos); if (depth == 0) return; continue; }
            if (c == '{' || c == '[') depth++;
            else if (c == '}' || c == ']') { if (depth == 0) return; depth--; if (depth == 0) { pos[0]++; return; } }
            else if (c == ',' && depth == 0) return;
            pos[0]++;
        }
    }

    // ------------------------------------------------------------ queries
    static void bench(String dir, String queryFile, String mode, int passes, String outPath) throws Exception {
        int k;
        switch (mode) {
            case "count": k = 0; break;
            case "top10": k = 10; break;
            case "top100": k = 100; break;
            default: throw new IllegalArgumentException("mode must be count, top10 or top100");
        }
        List<String[]> qs = new ArrayList<>();
        try (BufferedReader r = open(queryFile)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split("\t", 3);
                if (f.length == 3) qs.add(f);
            }
        }
        DirectoryReader reader = DirectoryReader.open(FSDirectory.open(new File(dir)));
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity());
        QueryParser qp = new QueryParser(V, "text", analyzer());
        qp.setDefaultOperator(QueryParser.Operator.AND);
        Sort byDocDesc = new Sort(new SortField(null, SortField.Type.DOC, true));

        int n = qs.size();
        long[] best = new long[n];
        Arrays.fill(best, Long.MAX_VALUE);
        long[] results = new long[n];
        String[] errors = new String[n];
        long sink = 0;
        for (int p = 0; p <= passes; ++p) {  // pass 0: warm-up
            for (int i = 0; i < n; ++i) {
                if (errors[i] != null) continue;
                String[] q = qs.get(i);
                long t0 = System.nanoTime();
                long r;
                try {
                    Query query = qp.parse(q[2]);
                    if (k == 0) {
                        TotalHitCountCollector c = new TotalHitCountCollector();
                        searcher.search(query, c);
                        r = c.getTotalHits();
                    } else {
                        TopDocs td = q[1].equals("1") ? searcher.search(query, k, byDocDesc) : searcher.search(query, k);
                        for (ScoreDoc sd : td.scoreDocs) sink += sd.doc;  // doc numbers only, as haber-bench
                        r = td.scoreDocs.length;
                    }
                } catch (Exception e) {
                    errors[i] = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).split("\n")[0];
                    System.err.println("lucene: query failed (" + q[0] + ") " + q[2] + ": " + errors[i]);
                    continue;
                }
                long dt = System.nanoTime() - t0;
                results[i] = r;
                if (p > 0 && dt < best[i]) best[i] = dt;
            }
        }
        reader.close();

        Map<String, List<Integer>> byClass = new LinkedHashMap<>();
        for (int i = 0; i < n; ++i) byClass.computeIfAbsent(qs.get(i)[0], c -> new ArrayList<>()).add(i);
        StringBuilder js = new StringBuilder();
        js.append("{\"system\": \"lucene\", \"mode\": \"").append(mode).append("\", \"passes\": ").append(passes)
          .append(", \"queries\": ").append(n).append(", \"note\": \"\", \"classes\": {");
        if (sink == 42) System.err.print("");
        List<Double> all = new ArrayList<>();
        long allResults = 0;
        boolean first = true;
        for (Map.Entry<String, List<Integer>> e : byClass.entrySet()) {
            List<Double> t = new ArrayList<>();
            long res = 0;
            int failed = 0;
            for (int i : e.getValue()) {
                if (errors[i] != null || best[i] == Long.MAX_VALUE) { failed++; continue; }
                t.add(best[i] / 1000.0);
                res += results[i];
            }
            all.addAll(t);
            allResults += res;
            if (!first) js.append(", ");
            first = false;
            js.append(jsonString(e.getKey())).append(": ");
            stats(js, t, res, e.getValue().size(), failed);
        }
        js.append("}, \"all\": ");
        stats(js, all, allResults, n, 0);
        js.append(", \"per_query\": [");
        for (int i = 0; i < n; ++i) {
            if (i > 0) js.append(", ");
            js.append("{\"class\": ").append(jsonString(qs.get(i)[0])).append(", \"query\": ").append(jsonString(qs.get(i)[2]))
              .append(", \"best_us\": ").append(best[i] == Long.MAX_VALUE ? "null" : String.format(Locale.ROOT, "%.1f", best[i] / 1000.0))
              .append(", \"results\": ").append(results[i])
              .append(", \"error\": ").append(errors[i] == null ? "null" : jsonString(errors[i])).append("}");
        }
        js.append("]}\n");
        try (PrintWriter w = new PrintWriter(outPath, "UTF-8")) {
            w.print(js);
        }
    }

    // ------------------------------------------------------------ known-item runs
    static final String TURKISH = "çğıöşüÇĞİÖŞÜ", ASCII = "cgiosuCGIOSU";

    static String asciiTwin(String q) {
        StringBuilder b = new StringBuilder(q.length());
        for (char c : q.toCharArray()) {
            int i = TURKISH.indexOf(c);
            b.append(i >= 0 ? ASCII.charAt(i) : c);
        }
        return b.toString();
    }

    // haber-search syntax (plain words, "quoted phrases", AND/OR/NOT kept as
    // operators) written for the classic QueryParser: every word escaped.
    static String toLucene(String q) {
        StringBuilder b = new StringBuilder();
        int i = 0, n = q.length();
        while (i < n) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) { ++i; continue; }
            if (b.length() > 0) b.append(' ');
            if (c == '"') {
                int end = q.indexOf('"', i + 1);
                if (end < 0) end = n;
                StringBuilder ph = new StringBuilder();
                for (String w : q.substring(i + 1, end).trim().split("\\s+")) {
                    if (w.isEmpty()) continue;
                    if (ph.length() > 0) ph.append(' ');
                    ph.append(QueryParser.escape(w));
                }
                b.append('"').append(ph).append('"');
                i = end + 1;
                continue;
            }
            int j = i;
            while (j < n && !Character.isWhitespace(q.charAt(j)) && q.charAt(j) != '"') ++j;
            String w = q.substring(i, j);
            b.append(w.equals("AND") || w.equals("OR") || w.equals("NOT") ? w : QueryParser.escape(w));
            i = j;
        }
        return b.toString();
    }

    static void knownItem(String dir, String queryFile, String outPath) throws Exception {
        List<String[]> qs = new ArrayList<>();
        try (BufferedReader r = open(queryFile)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split("\t", 5);
                if (f.length == 5) qs.add(f);
                else System.err.println("lucene: not a known-item row, skipped: " + line);
            }
        }
        DirectoryReader reader = DirectoryReader.open(FSDirectory.open(new File(dir)));
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity());
        QueryParser qp = new QueryParser(V, "text", analyzer());
        qp.setDefaultOperator(QueryParser.Operator.OR);
        long t0 = System.nanoTime();
        int runs = 0, zero = 0, failed = 0;
        try (PrintWriter w = new PrintWriter(outPath, "UTF-8")) {
            for (String[] q : qs) {
                for (String variant : new String[] {"typed", "ascii"}) {
                    String text = variant.equals("typed") ? q[4] : asciiTwin(q[4]);
                    String translated = toLucene(text);
                    StringBuilder hits = new StringBuilder("[");
                    long total = 0;
                    String error = null;
                    try {
                        TopDocs td = searcher.search(qp.parse(translated), 10);
                        total = td.totalHits;
                        for (ScoreDoc sd : td.scoreDocs) {
                            if (hits.length() > 1) hits.append(", ");
                            hits.append(jsonString(reader.document(sd.doc).get("id")));
                        }
                    } catch (Exception e) {
                        error = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).split("\n")[0];
                        ++failed;
                    }
                    if (hits.length() == 1) ++zero;
                    w.print("{\"qid\": " + jsonString(q[0]) + ", \"variant\": \"" + variant + "\", \"query\": "
                            + jsonString(text) + ", \"translated\": " + jsonString(translated) + ", \"hits\": "
                            + hits + "], \"total\": " + total
                            + (error == null ? "" : ", \"error\": " + jsonString(error)) + "}\n");
                    ++runs;
                }
            }
        }
        reader.close();
        System.err.printf(Locale.ROOT, "lucene (knownitem): %d runs of %d queries in %.1f s; %d with no hits, %d parse errors%n",
                          runs, qs.size(), (System.nanoTime() - t0) / 1e9, zero, failed);
    }

    static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) return 0;
        int k = Math.max(1, (int) Math.ceil(p / 100.0 * sorted.size()));
        return sorted.get(k - 1);
    }

    static void stats(StringBuilder js, List<Double> t, long results, int queries, int failed) {
        t.sort(null);
        double sum = 0;
        for (double x : t) sum += x;
        js.append(String.format(Locale.ROOT,
            "{\"queries\": %d, \"failed\": %d, \"p50_us\": %.1f, \"p95_us\": %.1f, \"p99_us\": %.1f, \"max_us\": %.1f, \"qps\": %.1f, \"results\": %d}",
            queries, failed, pct(t, 50), pct(t, 95), pct(t, 99), t.isEmpty() ? 0.0 : t.get(t.size() - 1),
            sum > 0 ? t.size() / (sum / 1e6) : 0.0, results));
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
