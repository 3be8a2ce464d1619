import { DescriptionList } from '@amsterdam/design-system-react'
import type { ReactNode } from 'react'

/** One term of a description list with its description. */
export function Term({ name, children }: { name: string; children: ReactNode }) {
  return (
    <>
      <DescriptionList.Term>{name}</DescriptionList.Term>
      <DescriptionList.Description>{children}</DescriptionList.Description>
    </>
  )
}
