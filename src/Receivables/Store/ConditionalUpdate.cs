namespace Receivables.Store;

/// <summary>
/// Read, change, write back only if nobody wrote in between; on a lost race read again and re-apply the
/// change, after a <see cref="Contention"/> wait (bounded). With the client's <c>If-Match</c> there is no retry: a
/// stale version is the answer.
/// </summary>
public static class ConditionalUpdate
{
    /// <returns>The written version, or null when the document does not exist (or is not a <typeparamref name="T"/>).</returns>
    public static Task<Stored<T>?> UpdateAsync<T>(this DocumentStore store, Guid entityId, string id, string resource,
        string? ifMatch, Action<T> change, CancellationToken ct) where T : StoredDocument =>
        store.UpdateIfChangedAsync<T>(entityId, id, resource, ifMatch, d => { change(d); return true; }, ct);

    /// <summary>
    /// The same, for a change that may find nothing to do (it returns false: nothing is written, the version read is
    /// the answer), starting from a version the caller already read when it has one (no first read).
    /// </summary>
    public static async Task<Stored<T>?> UpdateIfChangedAsync<T>(this DocumentStore store, Guid entityId, string id, string resource,
        string? ifMatch, Func<T, bool> change, CancellationToken ct, Stored<T>? known = null) where T : StoredDocument
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = attempt == 1 && known is not null ? known : await store.ReadAsync<T>(entityId, id, resource, ct);
            if (current is null) return null;
            if (ifMatch is not null && !ETags.Same(ifMatch, current.ETag))
                throw new StaleVersionException($"{resource} {id} has changed since the version in If-Match");
            if (!change(current.Document)) return current;
            try
            {
                return await store.ReplaceAsync(current.Document, current.ETag, ct);
            }
            catch (ConcurrencyConflictException e) when (ifMatch is not null)
            {
                throw new StaleVersionException(e.Message);
            }
            catch (ConcurrencyConflictException)
            {
                // Another request won the race: apply the change again to the version it wrote.
                if (attempt >= Contention.MaxAttempts) throw Contention.Exhausted($"{resource} {id}", id);
                await Contention.BackoffAsync(attempt, ct);
            }
        }
    }

    /// <summary>
    /// Deletes after checking the current version with <paramref name="check"/> (for example "only drafts");
    /// a lost race re-reads and checks again. Returns false when the document does not exist.
    /// </summary>
    public static async Task<bool> DeleteCheckedAsync<T>(this DocumentStore store, Guid entityId, string id, string resource,
        string? ifMatch, Action<T> check, CancellationToken ct) where T : StoredDocument
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.ReadAsync<T>(entityId, id, resource, ct);
            if (current is null) return false;
            if (ifMatch is not null && !ETags.Same(ifMatch, current.ETag))
                throw new StaleVersionException($"{resource} {id} has changed since the version in If-Match");
            check(current.Document);
            try
            {
                await store.DeleteAsync(entityId, id, current.ETag, ct);
                return true;
            }
            catch (ConcurrencyConflictException e) when (ifMatch is not null)
            {
                throw new StaleVersionException(e.Message);
            }
            catch (ConcurrencyConflictException)
            {
                // Changed or deleted meanwhile: look again.
                if (attempt >= Contention.MaxAttempts) throw Contention.Exhausted($"{resource} {id}", id);
                await Contention.BackoffAsync(attempt, ct);
            }
        }
    }
}
