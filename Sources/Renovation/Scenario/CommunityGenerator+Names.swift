/// Names of generated communities: `name_prefix` followed by 1, 2, … up to
/// `count`, without padding (`community-1` … `community-40`), so that plans
/// can name them in phases.
extension CommunityGenerator {
    /// The name of the generated community at `index` (0-based).
    public func communityName(_ index: Int) -> String { namePrefix + String(index + 1) }

    /// The 0-based index of the community this generator calls `name`, if any.
    public func index(ofName name: String) -> Int? {
        guard name.hasPrefix(namePrefix) else { return nil }
        let digits = name.dropFirst(namePrefix.count)
        guard let first = digits.first, first != "0", digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int(digits), number >= 1, number <= count else { return nil }
        return number - 1
    }
}
