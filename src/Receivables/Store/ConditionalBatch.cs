using System.Text.Json;

namespace Receivables.Store;

/// <summary>What a decision over a read set wants written (one batch) and how to answer once it is.</summary>
public sealed record BatchPlan<T>(IReadOnlyList<BatchWrite> Writes, Func<IReadOnlyList<string>, T> Answer);

/// <summary>
/// The multi-document form of <see cref="ConditionalUpdate"/>: read several documents of one partition in one query,
/// decide, write everything in one batch, each write conditional on the version read. A lost race (any write's
/// version changed, or a create met a document created meanwhile) decides again from fresh reads, a bounded number of
/// times after a <see cref="Contention"/> wait; with the client's <c>If-Match</c> a change of the primary document is 412 at once.
/// </summary>
public static class ConditionalBatch
{
    public static async Task<T> DecideAndCommitAsync<T>(this DocumentStore store, Guid entityId, string primaryId, string? ifMatch,
        IReadOnlyList<string> ids, Func<IReadOnlyDictionary<string, Stored<JsonElement>>, Task<BatchPlan<T>>> decide, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var set = await store.ReadSetAsync(entityId, ids, ct);
            if (ifMatch is not null && set.TryGetValue(primaryId, out var primary) && !ETags.Same(ifMatch, primary.ETag))
                throw new StaleVersionException($"{primaryId} has changed since the version in If-Match");
            var plan = await decide(set);
            try
            {
                return plan.Answer(await store.CommitAsync(entityId, plan.Writes, ct));
            }
            catch (ConcurrencyConflictException e) when (ifMatch is not null && e.DocumentId == primaryId)
            {
                throw new StaleVersionException(e.Message);
            }
            catch (Exception e) when (e is ConcurrencyConflictException or DocumentExistsException)
            {
                if (attempt >= Contention.MaxAttempts) throw Contention.Exhausted(primaryId, primaryId);
                await Contention.BackoffAsync(attempt, ct);
            }
        }
    }
}
