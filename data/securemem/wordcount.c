/* Counts words read from stdin in an open-addressing hash table and prints the most frequent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define SLOTS 65536
struct slot { char word[24]; unsigned count; };
static struct slot table[SLOTS];
static unsigned hash(const char *s) { unsigned h = 2166136261u; while (*s) { h ^= (unsigned char)*s++; h *= 16777619u; } return h; }
int main(void) {
    char w[24];
    while (scanf("%23s", w) == 1) {
        unsigned i = hash(w) & (SLOTS - 1);
        while (table[i].count && strcmp(table[i].word, w) != 0) i = (i + 1) & (SLOTS - 1);
        if (!table[i].count) strcpy(table[i].word, w);
        table[i].count++;
    }
    unsigned best = 0; for (unsigned i = 1; i < SLOTS; i++) if (table[i].count > table[best].count) best = i;
    printf("%s %u\n", table[best].word, table[best].count);
    return 0;
}
