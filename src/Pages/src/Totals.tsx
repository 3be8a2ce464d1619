/** A row of headline figures; `figure` marks each value so a test can compare it with the API's. */
export function Totals({ items }: { items: { term: string; figure: string; value: number | string }[] }) {
  return (
    <dl className="totals">
      {items.map(({ term, figure, value }) => (
        <div key={figure}>
          <dt>{term}</dt>
          <dd data-figure={figure}>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
