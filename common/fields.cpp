// Lookups in the query field table.
#include "common/fields.hpp"

namespace morgue {

const FieldInfo* find_field(std::string_view name) noexcept {
    for (const auto& info : query_fields)
        if (info.name == name) return &info;
    return nullptr;
}

const FieldInfo* field_info(Field field) noexcept {
    for (const auto& info : query_fields)
        if (info.field == field) return &info;
    return nullptr;
}

std::string_view to_string(Field field) noexcept {
    const auto* info = field_info(field);
    return info != nullptr ? info->name : "text";
}

std::string_view prefix_of(Field field) noexcept {
    const auto* info = field_info(field);
    return info != nullptr ? info->prefix : std::string_view{};
}

bool is_text_field(Field field) noexcept {
    const auto* info = field_info(field);
    return info == nullptr || info->kind == FieldKind::words;
}

}  // namespace morgue
