using System.Collections.Immutable;
using Mirage.Engine.Model;

namespace Mirage.Engine.Graph;

/// <summary>A node of the flat graph IR. Edges are indices into <see cref="DeviceGraph.Nodes"/>.</summary>
public abstract record Node;

/// <summary>A device before application (a functor, or a device with no arguments).</summary>
public sealed record DeviceNode(Device Device, ImmutableArray<int> ExtraDeps) : Node;

/// <summary>A functor node applied to one argument node.</summary>
public sealed record AppNode(int Functor, int Argument) : Node;

/// <summary>Configure-time choice between two nodes (upstream's <c>if_impl</c>).</summary>
public sealed record IfNode(KeyValue Condition, int Then, int Else) : Node;

/// <summary>Configure-time choice among nodes by value (upstream's <c>match_impl</c>).</summary>
public sealed record MatchNode(KeyValue Value, ImmutableArray<(object Value, int Node)> Cases, int Default) : Node;
