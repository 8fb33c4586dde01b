package dev.faultline.bench.lucene;

import java.io.IOException;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Real code that nobody here wrote, full of asserts: Lucene indexes a generated corpus and then
 * answers a fixed set of queries against it. One JVM runs {@code passes} passes (the first
 * warms up and is not counted) and prints one line:
 * <pre>RESULT index_ms=... search_ms=... hits=...</pre>
 * where the times are the mean of the counted passes and {@code hits} is a checksum of every
 * query's hit count, the same in every mode when the modes do the same work. The corpus comes
 * from a fixed seed: every run indexes the same documents.
 *
 * <p>Run by {@link AssertLuceneTable} (through {@code bench/assert-lucene}) under {@code -da},
 * {@code -ea}, and faultline-agent with {@code assert:org.apache.lucene=off} and {@code =warn}.
 */
public final class LuceneWorkload {
    static final int VOCABULARY = 20_000;
    static final int QUERIES = 2_000;

    private LuceneWorkload() {}

    public static void main(String[] args) throws IOException {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String[] words = vocabulary();
        double index = 0;
        double search = 0;
        long hits = 0;
        for (int pass = 0; pass < passes; pass++) {
            long t0 = System.nanoTime();
            Directory dir = new ByteBuffersDirectory();
            index(dir, docs, words);
            long t1 = System.nanoTime();
            long h = search(dir, words);
            long t2 = System.nanoTime();
            dir.close();
            if (pass > 0 || passes == 1) {
                index += (t1 - t0) / 1e6;
                search += (t2 - t1) / 1e6;
            }
            hits = h;
        }
        int counted = passes == 1 ? 1 : passes - 1;
        System.out.printf("RESULT index_ms=%.1f search_ms=%.1f hits=%d%n", index / counted, search / counted, hits);
    }

    /** Synthetic words of 3 to 10 letters, the same for every run. */
    static String[] vocabulary() {
        Random r = new Random(42);
        String[] words = new String[VOCABULARY];
        for (int i = 0; i < words.length; i++) {
            char[] w = new char[3 + r.nextInt(8)];
            for (int j = 0; j < w.length; j++) {
                w[j] = (char) ('a' + r.nextInt(26));
            }
            words[i] = new String(w);
        }
        return words;
    }

    /** A Zipf-like pick: low indexes (common words) far more often than high ones. */
    static String word(Random r, String[] words) {
        double u = r.nextDouble();
        return words[(int) (Math.pow(u, 3) * words.length)];
    }

    static void index(Directory dir, int docs, String[] words) throws IOException {
        Random r = new Random(7);
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
        config.setRAMBufferSizeMB(64);
        try (IndexWriter writer = new IndexWriter(dir, config)) {
            StringBuilder body = new StringBuilder(512);
            for (int i = 0; i < docs; i++) {
                body.setLength(0);
                int n = 20 + r.nextInt(40);
                for (int k = 0; k < n; k++) {
                    body.append(word(r, words)).append(' ');
                }
                int price = r.nextInt(100_000);
                Document d = new Document();
                d.add(new StringField("id", Integer.toString(i), Field.Store.YES));
                d.add(new TextField("body", body.toString(), Field.Store.NO));
                d.add(new IntPoint("price", price));
                d.add(new NumericDocValuesField("price", price));
                writer.addDocument(d);
                if (i % 25_000 == 24_999) {
                    writer.deleteDocuments(new Term("id", Integer.toString(r.nextInt(i))));
                }
            }
            writer.forceMerge(4);
            writer.commit();
        }
    }

    static long search(Directory dir, String[] words) throws IOException {
        Random r = new Random(11);
        long checksum = 0;
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            Sort byPrice = new Sort(new SortField("price", SortField.Type.INT));
            for (int q = 0; q < QUERIES; q++) {
                Query query;
                switch (q % 4) {
                    case 0:
                        query = new TermQuery(new Term("body", word(r, words)));
                        break;
                    case 1:
                        query = new BooleanQuery.Builder()
                                .add(new TermQuery(new Term("body", word(r, words))), BooleanClause.Occur.MUST)
                                .add(new TermQuery(new Term("body", word(r, words))), BooleanClause.Occur.SHOULD)
                                .build();
                        break;
                    case 2:
                        query = new PhraseQuery(1, "body", word(r, words), word(r, words));
                        break;
                    default:
                        int lo = r.nextInt(90_000);
                        query = IntPoint.newRangeQuery("price", lo, lo + 5_000);
                        break;
                }
                TopDocs top = q % 8 == 3 ? searcher.search(query, 10, byPrice) : searcher.search(query, 10);
                checksum = checksum * 31 + top.totalHits.value + top.scoreDocs.length;
            }
        }
        return checksum;
    }
}
