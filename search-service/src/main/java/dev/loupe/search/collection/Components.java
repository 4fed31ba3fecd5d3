package dev.loupe.search.collection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connected components of "near-duplicate" links between photo ids (union-find with path halving and
 * union by size), with the weakest and strongest link of each component.
 */
final class Components {

    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private int[] parent = new int[16];
    private int[] size = new int[16];
    private double[] weakest = new double[16];
    private double[] strongest = new double[16];

    /** Links {@code a} and {@code b}, whose similarity is {@code score}. */
    void link(String a, String b, double score) {
        int ra = root(node(a));
        int rb = root(node(b));
        if (ra != rb) {
            if (size[ra] < size[rb]) {
                int swap = ra;
                ra = rb;
                rb = swap;
            }
            parent[rb] = ra;
            size[ra] += size[rb];
            weakest[ra] = Math.min(weakest[ra], weakest[rb]);
            strongest[ra] = Math.max(strongest[ra], strongest[rb]);
        }
        weakest[ra] = Math.min(weakest[ra], score);
        strongest[ra] = Math.max(strongest[ra], score);
    }

    /** Every component (all have two or more ids), ids in link order, largest component first. */
    List<Group> groups() {
        Map<Integer, List<String>> members = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            members.computeIfAbsent(root(i), r -> new ArrayList<>()).add(ids.get(i));
        }
        List<Group> out = new ArrayList<>(members.size());
        members.forEach((root, list) -> out.add(new Group(list, weakest[root], strongest[root])));
        out.sort((x, y) -> Integer.compare(y.ids().size(), x.ids().size()));
        return out;
    }

    /**
     * One component.
     *
     * @param weakest the lowest similarity among the links that joined it
     * @param strongest the highest
     */
    record Group(List<String> ids, double weakest, double strongest) {}

    private int node(String id) {
        Integer known = index.get(id);
        if (known != null) {
            return known;
        }
        int n = ids.size();
        if (n == parent.length) {
            parent = Arrays.copyOf(parent, n * 2);
            size = Arrays.copyOf(size, n * 2);
            weakest = Arrays.copyOf(weakest, n * 2);
            strongest = Arrays.copyOf(strongest, n * 2);
        }
        parent[n] = n;
        size[n] = 1;
        weakest[n] = Double.POSITIVE_INFINITY;
        strongest[n] = Double.NEGATIVE_INFINITY;
        index.put(id, n);
        ids.add(id);
        return n;
    }

    private int root(int node) {
        while (parent[node] != node) {
            parent[node] = parent[parent[node]]; // path halving
            node = parent[node];
        }
        return node;
    }
}
