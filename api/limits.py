"""Validation rules that bound a document's depth and aliases, fragments included.

strawberry's `QueryDepthLimiter` and `MaxAliasesLimiter` (fixed for fragment cycles and fragment
amplification in 0.315.7, CVE-2026-47706/47707) walk every fragment spread anew: a chain of
fragments each spreading the next twice makes that walk exponential. Measured on 0.341.2:
18 such fragments, 150 bytes of query, took 1.6 s to validate; 30 take hours. These rules
compute each fragment once and reuse it, so validation is linear in the document, and count
what execution would see: a fragment's depth adds to where it is spread, and its aliases count
once per spread (a product that can exceed any limit, which is the point).
"""

from __future__ import annotations

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)


class _Measure:
    """Depth and alias count of selection sets, memoised per fragment; a fragment cycle counts
    as nothing here (graphql-core's NoFragmentCyclesRule reports it)."""

    def __init__(self, document: DocumentNode) -> None:
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self._memo: dict[str, tuple[int, int]] = {}
        self._visiting: set[str] = set()

    def fragment(self, name: str) -> tuple[int, int]:
        if name in self._memo:
            return self._memo[name]
        definition = self.fragments.get(name)
        if definition is None or name in self._visiting:
            return 0, 0  # unknown or cyclic: reported by graphql-core's own rules
        self._visiting.add(name)
        measured = self.selection_set(definition.selection_set)
        self._visiting.discard(name)
        self._memo[name] = measured
        return measured

    def selection_set(self, selection_set: SelectionSetNode | None) -> tuple[int, int]:
        """(depth, aliases): depth counts fields that have a selection of their own."""
        if selection_set is None:
            return 0, 0
        depth = aliases = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value.startswith("__"):
                    # introspection's own nesting is not measured (it is off in production),
                    # but an alias on it is an alias like any other
                    aliases += 1 if selection.alias else 0
                    continue
                inner_depth, inner_aliases = self.selection_set(selection.selection_set)
                if selection.selection_set is not None:
                    inner_depth += 1
                aliases += inner_aliases + (1 if selection.alias else 0)
            elif isinstance(selection, InlineFragmentNode):
                inner_depth, inner_aliases = self.selection_set(selection.selection_set)
                aliases += inner_aliases
            elif isinstance(selection, FragmentSpreadNode):
                inner_depth, inner_aliases = self.fragment(selection.name.value)
                aliases += inner_aliases
            else:  # pragma: no cover - the three kinds above are all GraphQL has
                continue
            depth = max(depth, inner_depth)
        return depth, aliases


def limits_rule(max_depth: int, max_aliases: int) -> type[ValidationRule]:
    class LimitsRule(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            measure = _Measure(context.document)
            aliases = 0
            for definition in context.document.definitions:
                if not isinstance(definition, OperationDefinitionNode):
                    continue
                depth, operation_aliases = measure.selection_set(definition.selection_set)
                aliases += operation_aliases
                if depth > max_depth:
                    name = definition.name.value if definition.name else "anonymous"
                    context.report_error(
                        GraphQLError(
                            f"operation '{name}' is {depth} levels deep; at most {max_depth} "
                            "are allowed",
                            definition,
                            extensions={"code": "QUERY_TOO_DEEP"},
                        )
                    )
            if aliases > max_aliases:
                context.report_error(
                    GraphQLError(
                        f"{aliases} aliases (fragments counted each time they are spread); "
                        f"at most {max_aliases} are allowed",
                        extensions={"code": "TOO_MANY_ALIASES"},
                    )
                )

    return LimitsRule
