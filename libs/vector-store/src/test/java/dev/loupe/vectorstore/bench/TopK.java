package dev.loupe.vectorstore.bench;

/** The k highest scores offered, with their ordinals: a bounded min-heap for exact scans. */
public final class TopK {

    private final float[] scores;
    private final int[] ords;
    private int size;

    public TopK(int k) {
        this.scores = new float[k];
        this.ords = new int[k];
    }

    public void offer(float score, int ord) {
        if (size < scores.length) {
            scores[size] = score;
            ords[size] = ord;
            up(size++);
        } else if (score > scores[0]) {
            scores[0] = score;
            ords[0] = ord;
            down(0);
        }
    }

    /** The ordinals kept, best score first. */
    public int[] ordsBestFirst() {
        TopK copy = new TopK(scores.length);
        System.arraycopy(scores, 0, copy.scores, 0, size);
        System.arraycopy(ords, 0, copy.ords, 0, size);
        copy.size = size;
        int[] best = new int[size];
        for (int i = size - 1; i >= 0; i--) {
            best[i] = copy.ords[0];
            copy.size--;
            copy.scores[0] = copy.scores[copy.size];
            copy.ords[0] = copy.ords[copy.size];
            copy.down(0);
        }
        return best;
    }

    private void up(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (scores[parent] <= scores[i]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void down(int i) {
        while (true) {
            int smallest = i;
            for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
                if (scores[child] < scores[smallest]) {
                    smallest = child;
                }
            }
            if (smallest == i) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(int a, int b) {
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        int o = ords[a];
        ords[a] = ords[b];
        ords[b] = o;
    }
}
