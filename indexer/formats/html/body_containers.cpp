// The article's containers: itemprop, body classes and <article> markup, else Readability-style
// scoring of paragraph parents.
#include "indexer/formats/html/body_containers.hpp"

#include "common/text.hpp"
#include "indexer/formats/html/dom.hpp"
#include "indexer/formats/html/element_hints.hpp"
#include "indexer/formats/html/paragraphs.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <unordered_map>

namespace morgue::index::html {

namespace {

/// Paragraph text a container needs before it counts as the article.
constexpr std::size_t min_article_chars = 200;

/// Length of a run of text outside any paragraph element before it scores as a paragraph.
constexpr std::size_t min_bare_run_chars = 80;

/// The topmost of `nodes`: those not inside another one of them.
std::vector<const GumboNode*> topmost(const std::vector<const GumboNode*>& nodes) {
    std::vector<const GumboNode*> out;
    for (const auto* node : nodes) {
        const bool nested = std::any_of(nodes.begin(), nodes.end(), [&](const GumboNode* other) {
            return other != node && is_inside(node, other);
        });
        if (!nested) out.push_back(node);
    }
    return out;
}

std::size_t total_chars(const std::vector<const GumboNode*>& nodes) {
    std::size_t total = 0;
    for (const auto* n : nodes) total += paragraph_chars(n);
    return total;
}

/// Readability-style scoring: each paragraph (a <p>, or a run of text straight inside another
/// element) gives points (1, its commas, a point per 100 characters up to 3) to its parent
/// and half to its grandparent; class/id hints add or take 25; the score is scaled by the
/// share of text outside links. Returns the best container and
/// those of its siblings that score near it (bodies split across divs with ads between).
std::vector<const GumboNode*> score_containers(const GumboNode* root) {
    std::unordered_map<const GumboNode*, double> scores;
    std::vector<const GumboNode*> order;
    const auto init = [&](const GumboNode* node) -> double& {
        auto [it, inserted] = scores.try_emplace(node, 0.0);
        if (inserted) {
            order.push_back(node);
            const auto name = tag_name(node);
            double base = 0;
            if (name == "div" || name == "article" || name == "section" || name == "main") base = 5;
            else if (name == "pre" || name == "td" || name == "blockquote") base = 3;
            else if (name == "ol" || name == "ul" || name == "li" || name == "dl" || name == "form")
                base = -3;
            else if (name.size() == 2 && name[0] == 'h') base = -5;
            const auto hints = class_and_id(node);
            if (has_negative_hint(node)) base -= 25;
            if (has_positive_hint(hints)) base += 25;
            it->second = base;
        }
        return it->second;
    };
    const auto visit = [&](const auto& self, const GumboNode* node) -> void {
        if (!is_element(node) || is_junk_tag(node) || is_hidden(node)) return;
        const auto name = tag_name(node);
        if (name != "body" && has_negative_hint(node) && !has_body_class(node) &&
            !has_positive_hint(class_and_id(node)) && !holds_article_body(node))
            return;
        const auto credit = [&](const GumboNode* parent, std::string_view text) {
            if (text.size() < 25 || !parent || !is_element(parent)) return;
            const double points = 1.0 + static_cast<double>(std::count(text.begin(), text.end(), ',')) +
                                  std::min(static_cast<double>(text.size()) / 100.0, 3.0);
            init(parent) += points;
            if (const auto* gp = parent->parent; gp && is_element(gp)) init(gp) += points / 2;
        };
        if (name == "p" || name == "pre" || name == "td" || name == "blockquote") {
            credit(node->parent, text_of(node));
            return;
        }
        for (const auto* child : children(node)) {
            // Text set straight in a container, its paragraphs split by <br>s, is paragraphs too
            // when a run is a sentence or more, not a label or a stray line.
            if (is_text(child)) {
                if (const auto run = trim(child->v.text.text); run.size() >= min_bare_run_chars)
                    credit(node, run);
            } else {
                self(self, child);
            }
        }
    };
    visit(visit, root);

    const GumboNode* best = nullptr;
    double best_score = 0;
    std::unordered_map<const GumboNode*, double> final_scores;
    for (const auto* node : order) {
        const auto text = text_of(node);
        std::vector<const GumboNode*> all;
        collect_elements(node, all);
        std::size_t link_chars = 0;
        for (const auto* el : all)
            if (tag_name(el) == "a") link_chars += text_of(el).size();
        const double density =
            text.empty() ? 1.0 : std::min(1.0, static_cast<double>(link_chars) / static_cast<double>(text.size()));
        const double score = scores[node] * (1.0 - density);
        final_scores[node] = score;
        if (!best || score > best_score) {
            best = node;
            best_score = score;
        }
    }
    if (!best) return {};
    std::vector<const GumboNode*> chosen;
    const double threshold = std::max(10.0, best_score * 0.2);
    if (best->parent && is_element(best->parent)) {
        for (const auto* sibling : children(best->parent)) {
            if (!is_element(sibling)) continue;
            if (sibling == best) {
                chosen.push_back(sibling);
                continue;
            }
            if (is_junk_tag(sibling) || is_hidden(sibling) || has_negative_hint(sibling)) continue;
            const auto it = final_scores.find(sibling);
            const bool scored = it != final_scores.end() && it->second >= threshold;
            const auto text = text_of(sibling);
            const bool paragraph = tag_name(sibling) == "p" && text.size() > 80;
            if (scored || paragraph) chosen.push_back(sibling);
        }
    } else {
        chosen.push_back(best);
    }
    return chosen;
}

/// Longest lead taken with the text: a standfirst, not a summary box.
constexpr std::size_t max_lead_chars = 600;

/// `nodes` with the lead set just before the first of them: the element sibling before it,
/// when its class names a lead and it holds a short text of its own outside links (a
/// site's markup that gives the lead its own box beside the body's keeps it out of the
/// body class's container).
std::vector<const GumboNode*> with_lead(std::vector<const GumboNode*> nodes) {
    if (nodes.empty() || !nodes.front()->parent) return nodes;
    const GumboNode* before = nullptr;
    for (const auto* sibling : children(nodes.front()->parent)) {
        if (sibling == nodes.front()) break;
        if (is_element(sibling)) before = sibling;
    }
    if (!before || !has_lead_class(before) || has_negative_hint(before) || is_hidden(before))
        return nodes;
    const auto text = collapse_whitespace(text_of(before));
    std::vector<const GumboNode*> inside;
    collect_elements(before, inside);
    const bool linked = std::any_of(inside.begin(), inside.end(),
                                    [](const GumboNode* el) { return tag_name(el) == "a"; });
    if (text.size() < min_bare_run_chars || text.size() > max_lead_chars || linked) return nodes;
    nodes.insert(nodes.begin(), before);
    return nodes;
}

/// True when `el` lies in a teaser of another story: inside a link, an <aside>, or a block
/// that marks other stories (a related story's card has its own "story-body").
bool in_teaser(const GumboNode* el) {
    for (const auto* p = el->parent; p; p = p->parent)
        if (is_element(p) && (tag_name(p) == "a" || tag_name(p) == "aside" || marks_other_stories(p)))
            return true;
    return false;
}

}  // namespace

std::vector<const GumboNode*> find_containers(const std::vector<const GumboNode*>& elements,
                                              const GumboNode* root) {
    std::vector<const GumboNode*> by_itemprop;
    std::vector<const GumboNode*> by_class;
    std::vector<const GumboNode*> articles;
    std::vector<const GumboNode*> mains;
    for (const auto* el : elements) {
        if (is_hidden(el)) continue;
        const auto name = tag_name(el);
        if (attr(el, "itemprop") == "articleBody") by_itemprop.push_back(el);
        if (has_body_class(el) && !has_negative_hint(el) && !is_junk_tag(el) && !in_teaser(el))
            by_class.push_back(el);
        if (name == "article") articles.push_back(el);
        if (name == "main" || ascii_lower(attr(el, "role")) == "main") mains.push_back(el);
    }
    // Short pages: the first candidate with any text, when none reaches the length.
    std::vector<const GumboNode*> fallback;
    const auto accept = [&](const std::vector<const GumboNode*>& nodes) {
        const auto chars = nodes.empty() ? 0 : total_chars(nodes);
        if (chars > 0 && fallback.empty()) fallback = nodes;
        return chars >= min_article_chars;
    };
    if (auto nodes = topmost(by_itemprop); accept(nodes)) return with_lead(nodes);
    if (auto nodes = topmost(by_class); accept(nodes)) return with_lead(nodes);
    if (auto tops = topmost(articles); !tops.empty()) {
        // Teaser cards are <article>s too: take the biggest, and its siblings of similar size
        // (live blogs give each entry its own <article>).
        const GumboNode* best = nullptr;
        std::size_t best_chars = 0;
        for (const auto* a : tops)
            if (const auto n = paragraph_chars(a); n > best_chars) {
                best = a;
                best_chars = n;
            }
        // best stays null when no <article> holds paragraph text: then none is chosen.
        std::vector<const GumboNode*> chosen;
        for (const auto* a : tops) {
            const auto n = paragraph_chars(a);
            if (a == best || (best && a->parent == best->parent && n >= 140 && n * 4 >= best_chars))
                chosen.push_back(a);
        }
        if (accept(chosen)) return chosen;
    }
    const GumboNode* scope = root;
    if (auto tops = topmost(mains); tops.size() == 1 && accept(tops)) scope = tops.front();
    if (auto nodes = score_containers(scope); accept(nodes)) return nodes;
    if (scope != root) return {scope};
    return fallback;
}

}  // namespace morgue::index::html
